"""The demo's lägesbild, åtgärdsplan and outcomes, from the seed texts.

Södertälje 2019: the lägesbild of its medborgarlöften 2019/2020 (youth crime:
fireworks and reckless moped driving; drugs; traffic; lighting; littering and
dumping), each problem's description quoted from the seed and linked to the promises
that answer it; some promises answer no problem, as Brå found in real plans, and are
flagged. Strängnäs 2017: its lägesbild bullets as problems and its five focus areas,
read from the seed. Nykvarn 2021–2022: the promises' signatures from the seed.
Södertälje 2026 (the invented example year): a lägesbild in two versions, two
medborgardialoger, the agreement's activities (from "Ett tryggare Södertälje"), the
decided plan, a few outcomes and one evaluated promise.
"""

from __future__ import annotations

from datetime import date
from importlib.resources.abc import Traversable

from store.importer.signatures import parse_signatures
from store.model.forum import Forum
from store.model.promise import Agreement, Promise
from store.model.signing import Signatory, signed_on
from store.model.situation import ACTION, ACTIVITY, PROMISE, CitizenDialogue, Problem
from store.repository import Repository


def _read(seeds: Traversable, name: str) -> str:
    path = seeds / name
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def quote(text: str, start: str) -> str:
    """The seed's sentence that begins with ``start``, verbatim; empty if not there."""
    at = text.find(start)
    if at < 0:
        return ""
    end = text.find(".", at)
    return text[at:end + 1 if end >= 0 else len(text)].strip()


def bullets_under(text: str, heading: str) -> list[str]:
    """The • bullets right under a heading line of the seed."""
    lines = [line.strip() for line in text.splitlines()]
    if heading not in lines:
        return []
    found: list[str] = []
    for line in lines[lines.index(heading) + 1:]:
        if line.startswith("•"):
            found.append(line.lstrip("• ").strip())
        elif line and found:
            break
        elif line and not line.startswith("Här är"):
            break
    return found


def _find(promises: list[Promise], municipality: str, label: str, words: str) -> Promise | None:
    return next((p for p in promises if p.municipality == municipality and p.period_label == label
                 and words in p.text), None)


def _links(*promises: Promise | None) -> list[tuple[str, int, None]]:
    return [(PROMISE, p.id, None) for p in promises if p is not None]


def build_situation(repo: Repository, seeds: Traversable, promises: list[Promise], agreement: Agreement,
                    chefssamrad: Forum) -> None:
    _sodertalje_2019(repo, _read(seeds, "sodertalje-medborgarloften-2019-2020.txt"),
                     _read(seeds, "sodertalje-ett-tryggare-sodertalje.txt"), promises)
    _strangnas_2017(repo, _read(seeds, "strangnas-medborgarlofte-2017.txt"), promises)
    nykvarn = _read(seeds, "nykvarn-medborgarloften-2021-2022.txt")
    signatories = parse_signatures(nykvarn)
    for promise in promises:
        if promise.municipality == "Nykvarn" and signatories:
            repo.sign_promise(promise.id, signatories, signed_on(None, signatories))
    _sodertalje_2026(repo, promises, agreement, chefssamrad)


def _sodertalje_2019(repo: Repository, seed: str, page: str, promises: list[Promise]) -> None:
    if not seed:
        return
    m, label = "Södertälje", "2019/2020"

    def promise(words: str) -> Promise | None:
        return _find(promises, m, label, words)

    repo.save_situation_picture(
        m, 2019, analysis=quote(seed, "Ungdomar är ett prioriterat område"),
        other_information=quote(seed, "Grunden till medborgarlöftena är en lägesrapport"),
        focus_areas=list(dict.fromkeys(p.focus_area for p in promises
                                       if p.municipality == m and p.period_label == label and p.focus_area)),
        day=date(2019, 1, 1),
    )
    dialogue = repo.save_dialogue(CitizenDialogue(
        m, 2018, place="Sju medborgardialoger i bostadsområdena",
        raised=quote(seed, "I 2018 års dialoger framkom"),
    ))
    youth = "Kriminalitet bland ungdomar"
    problems = [
        (Problem("Fyrverkerier och smällare i bostadsområdena", category=youth,
                 description=quote(seed, "Det handlar dels om ordningsstörningar"), sources=["citizen_dialogue"]),
         _links(promise("fyrverkerier/smällare"), promise("nationellt förbud"))),
        (Problem("Buskörning med mopeder, epatraktorer och fyrhjulingar", category=youth, area="bostadsområdena",
                 description=quote(seed, "Dels handlar det om buskörning"), sources=["citizen_dialogue"]),
         _links(promise("informationskampanj"), promise("insatser mot problematiken med moped"))),
        (Problem("Narkotika bland unga", category=youth, description=quote(seed, "Tillgången till narkotika"),
                 sources=["crime_statistics"]),
         _links(promise("narkotikabrott"))),
        (Problem("Trafiksäkerhet", category="Trafik", description=quote(seed, "I 2018 års dialoger framkom"),
                 sources=["citizen_dialogue"], dialogue_ids=[dialogue.id]),
         _links(promise("trafikkontroller"), promise("hastighetsplanen"))),
        (Problem("Bristande utomhusbelysning", category="Trygghet", description=quote(seed, "I 2018 års dialoger"),
                 sources=["citizen_dialogue"], dialogue_ids=[dialogue.id]),
         _links(promise("belysning"))),
        (Problem("Nedskräpning och dumpning av avfall", category="Trygghet",
                 description=quote(page, "Sammantaget bidrar nedskräpningen"), sources=["other"]),
         _links(promise("dumpning av avfall och allmän"), promise("problematiken med nedskräpning"))),
    ]
    for problem, links in problems:
        problem.municipality, problem.year = m, 2019
        repo.save_problem(problem, links)


def _strangnas_2017(repo: Repository, seed: str, promises: list[Promise]) -> None:
    if not seed:
        return
    m = "Strängnäs"
    focus = bullets_under(seed, "Fokusområden")
    repo.save_situation_picture(
        m, 2017, analysis=quote(seed, "Strängnäs kommun och lokalpolisområde Eskilstuna har kommit fram"),
        other_information=quote(seed, "Fokusområdena har arbetats fram"), focus_areas=focus, day=date(2017, 2, 1),
    )
    # Each bullet of the lägesbild: a short title, the focus area it falls under, where,
    # and words of the activity that answers it. The bullet itself is the description.
    answers = {
        "buskörning": ("Buskörning", "Trafik", "", "trafikkontroller"),
        "unga som": ("Unga som samlas i grupper och begår brott", "Förebygga brott bland unga",
                     "centrala Strängnäs", "ungdomar som samlas"),
        "mörka timmar": ("Oro att vistas ensam när det är mörkt", "Trygghet i offentlig miljö", "",
                         "trygghetsvandringar"),
    }
    for bullet in bullets_under(seed, "Aktuell lägesbild"):
        title, category, area, words = next((v for k, v in answers.items() if k in bullet), (bullet, "", "", ""))
        problem = Problem(title, municipality=m, year=2017, category=category, area=area, description=bullet,
                          sources=["crime_statistics", "citizen_dialogue", "intelligence", "safety_survey"])
        linked = _find(promises, m, "2017", words) if words else None
        repo.save_problem(problem, _links(linked))
    signatories = [
        Signatory("Jacob Högfeldt", "kommunstyrelsens ordförande (M)", "Strängnäs kommun", date(2017, 2, 1)),
        Signatory("Per Bäckström", "kommunchef", "Strängnäs kommun", date(2017, 2, 1)),
        Signatory("Christer Sjökvist", "lokalpolisområdeschef", "Lokalpolisområde Eskilstuna", date(2017, 2, 1)),
    ]
    for promise in promises:
        if promise.municipality == m and promise.period_label == "2017":
            repo.sign_promise(promise.id, signatories, date(2017, 2, 1))


def _sodertalje_2026(repo: Repository, promises: list[Promise], agreement: Agreement, chefssamrad: Forum) -> None:
    m, label = "Södertälje", "2026"

    def promise(words: str) -> Promise | None:
        return _find(promises, m, label, words)

    walks, lights, mopeds = promise("trygghetsvandringar"), promise("belysningen"), promise("buskörning")
    parents, visits, jobs = promise("föräldramöten"), promise("fritidsgårdar"), promise("sommarjobb")
    if None in (walks, lights, mopeds, parents, visits, jobs):
        return
    pax = repo.add_activity(agreement.id, "Pax – myndighetsgemensamt arbete mot organiserad brottslighet",
                            owner="kommunkoncernen och polisen")
    repo.add_activity(agreement.id, "Områdesväktare bevakar för att förebygga och förhindra brott", owner="kommunen")
    walkers = repo.add_activity(agreement.id, "Föreningsnattvandringar fredag- och lördagskvällar maj–november",
                                owner="kommunen och föreningarna")
    litter = repo.add_activity(agreement.id, "Aktivitetsprogram mot nedskräpning och illegalt dumpat avfall",
                               owner="kommunkoncernen")

    repo.save_situation_picture(
        m, 2026, analysis="Buskörningen med mopeder och epatraktorer har flyttat från centrum till Ronna, "
        "Hovsjö och Geneta.", focus_areas=["Trygghet i bostadsområden", "Kriminalitet hos ungdomar"],
        day=date(2026, 1, 15))
    repo.save_situation_picture(
        m, 2026, analysis="Buskörningen med mopeder och epatraktorer har flyttat från centrum till Ronna, "
        "Hovsjö och Geneta. Medborgardialogerna pekar ut mörka gångstråk som det som skapar mest otrygghet.",
        other_information="Trygghetsmätningen 2025 och polisens lägesbild för lokalpolisområdet.",
        day=date(2026, 1, 29))
    hovsjo = repo.save_dialogue(CitizenDialogue(m, 2026, date(2026, 1, 20), "Hovsjö centrum", 42,
                                                "Mörka gångstråk mot skolan; buskörning på kvällarna."))
    ronna = repo.save_dialogue(CitizenDialogue(m, 2026, date(2026, 1, 22), "Ronna torg", 35,
                                               "Belysningen vid gångtunneln; droger bland unga."))
    safety = "Trygghet i bostadsområden"
    youth = "Kriminalitet hos ungdomar"
    problems = [
        (Problem("Buskörning med mopeder och epatraktorer", category=safety, area="Ronna, Hovsjö, Geneta",
                 sources=["crime_statistics", "citizen_dialogue", "est"], dialogue_ids=[hovsjo.id]),
         _links(mopeds)),
        (Problem("Mörka gångstråk", category=safety, area="Hovsjö, Ronna",
                 sources=["citizen_dialogue", "safety_survey"], dialogue_ids=[hovsjo.id, ronna.id]),
         _links(lights, walks)),
        (Problem("Droger bland unga", category=youth, area="Ronna",
                 sources=["crime_statistics", "staff_dialogue"], dialogue_ids=[ronna.id]),
         _links(parents, visits) + [(ACTIVITY, agreement.id, walkers.key)]),
        (Problem("Nedskräpning och dumpning vid Saltskog", category=safety, area="Saltskog", sources=["est"]),
         [(ACTIVITY, agreement.id, litter.key)]),
        (Problem("Skadegörelse vid Bårsta centrum", category=safety, area="Bårsta", sources=["est"]), []),
        (Problem("Rekrytering av unga till kriminella nätverk", category=youth, area="Ronna",
                 sources=["intelligence"], confidential=True),
         [(ACTIVITY, agreement.id, pax.key)]),
    ]
    for problem, links in problems:
        problem.municipality, problem.year = m, 2026
        repo.save_problem(problem, links)
    repo.decide_plan(m, 2026, chefssamrad.name, date(2026, 2, 12))

    meetings = {meeting.day: meeting.id for meeting in repo.meetings_of_forum(chefssamrad.id)}

    def meeting_after(day: date) -> int | None:
        return next((mid for d, mid in sorted(meetings.items()) if d >= day), None)

    done_walks = [a.id for a in repo.actions_of_promise(walks.id) if a.status == "done"]
    repo.add_outcome(walks.id, 3, "trygghetsvandringar i Ronna, Hovsjö och Geneta", date(2026, 5, 6),
                     "Kommunens säkerhetsavdelning", meeting_after(date(2026, 5, 6)), done_walks[:1])
    repo.add_outcome(mopeds.id, 7, "riktade insatser mot buskörning i Ronna, Hovsjö och Geneta",
                     date(2026, 8, 10), "Polisens insatsrapporter", meeting_after(date(2026, 8, 10)))
    repo.add_outcome(lights.id, 2, "gångstråk i Hovsjö med ny belysning", date(2026, 10, 30),
                     "Samhällsbyggnadskontoret", meeting_after(date(2026, 10, 30)))
    repo.evaluate(jobs.id, "partly", "Fler sommarjobb erbjöds i Ronna och Hovsjö, men inte i Geneta.",
                  date(2026, 11, 12), meeting_after(date(2026, 11, 12)))
    # An action is a measure too, where someone links it: the one about moped driving.
    for action in repo.actions_of_promise(mopeds.id):
        if "buskörning" in action.text and not action.confidential:
            repo.link_problem(repo.problems(m, 2026)[0].id, ACTION, action.id)
            break
