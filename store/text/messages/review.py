"""Strings of the chair's review: action lists, promise progress and their command lines."""

SV: dict[str, str] = {
    # columns of `samverkan actions`
    # columns of `samverkan promises`
    # cells
    "review.promise_ref": "L{id}",
    "review.state.on_track": "i fas",
    "review.state.at_risk": "i riskzonen",
    "review.state.kept": "hållet",
    "review.state.not_kept": "inte hållet",
    "review.state.no_target": "inget mätbart mål",
    "review.state.not_started": "inte påbörjat",
    # group labels for actions without that field
    "review.group.no_owner": "(ingen ansvarig)",
    "review.group.no_organisation": "(ingen organisation)",
    "review.group.no_forum": "(inget forum)",
    "review.group.no_promise": "(inget löfte)",
    # listings
    # errors: one sentence each
    "review.unknown_owner": "Det finns ingen ansvarig som heter '{name}' – ange en person eller organisation som finns.",
    "review.ambiguous_owner": "'{name}' kan vara flera – skriv mer av namnet: {names}.",
    "review.unknown_org": "Det finns ingen organisation som heter '{name}' – välj en av: {known}.",
    "review.ambiguous_org": "'{name}' passar flera organisationer – skriv mer av namnet: {known}.",
    "review.unknown_promise": "Det finns inget medborgarlöfte '{ref}' – se 'samverkan promises' för numren.",
    "review.bad_period": "'{text}' är ingen period – skriv till exempel 2026, 2019/2020 eller 2021-2022.",
    "review.unknown_party": "'{text}' är ingen part – använd polisen, kommunen eller brandförsvaret.",
    "review.unknown_municipality": "Det finns inga medborgarlöften för kommunen '{name}' – välj en av: {known}.",
    "review.bad_sort": "Det går inte att sortera på '{column}' – välj en av: {known}.",
    "review.bad_group": "Det går inte att gruppera på '{by}' – välj en av: {known}.",
    # help texts
}

EN: dict[str, str] = {
    "review.promise_ref": "P{id}",
    "review.state.on_track": "on track",
    "review.state.at_risk": "at risk",
    "review.state.kept": "kept",
    "review.state.not_kept": "not kept",
    "review.state.no_target": "not measurable",
    "review.state.not_started": "not started",
    "review.group.no_owner": "(no owner)",
    "review.group.no_organisation": "(no organisation)",
    "review.group.no_forum": "(no forum)",
    "review.group.no_promise": "(no promise)",
    "review.unknown_owner": "There is no owner called '{name}' – give a person or organisation that exists.",
    "review.ambiguous_owner": "'{name}' could be several – type more of the name: {names}.",
    "review.unknown_org": "There is no organisation called '{name}' – choose one of: {known}.",
    "review.ambiguous_org": "'{name}' matches several organisations – type more of the name: {known}.",
    "review.unknown_promise": "There is no citizen promise '{ref}' – see 'samverkan promises' for the numbers.",
    "review.bad_period": "'{text}' is not a period – write for example 2026, 2019/2020 or 2021-2022.",
    "review.unknown_party": "'{text}' is not a party – use police, municipality or fire.",
    "review.unknown_municipality": "There are no citizen promises for the municipality '{name}' – choose one of: {known}.",
    "review.bad_sort": "Cannot sort on '{column}' – choose one of: {known}.",
    "review.bad_group": "Cannot group on '{by}' – choose one of: {known}.",
}
