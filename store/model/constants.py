"""The words every layer shares, without the dataclasses of ``store.model``.

Statuses, kinds and rules as the store spells them, and the time zone. A one-shot
command (``samverkan actions --open``) needs these and nothing else of the models, and
the models' twenty dataclasses take longer to define than such a command may take.
``store.model`` re-exports every name, so either import works.
"""

from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Stockholm")

# Organisation kinds, used as promise parties too.
POLICE = "police"
MUNICIPALITY = "municipality"
FIRE = "fire"
OTHER = "other"
PARTIES = (POLICE, MUNICIPALITY, FIRE)

# Attendance
PRESENT = "present"
ABSENT = "absent"
EXCUSED = "excused"
NOT_RECORDED = "not_recorded"  # a meeting still ahead: nobody is marked yet
ATTENDANCE_CYCLE = (PRESENT, ABSENT, EXCUSED)

# Meeting status
PLANNED = "planned"
HELD = "held"
CANCELLED = "cancelled"

# Entry kinds
INFO = "info"
DECISION = "decision"

# Action status
OPEN = "open"
IN_PROGRESS = "in_progress"
DONE = "done"
STRUCK = "cancelled"
ACTIVE_STATUSES = (OPEN, IN_PROGRESS)
ACTION_STATUSES = (OPEN, IN_PROGRESS, DONE, STRUCK)

# Cadence kinds
WEEKLY = "weekly"
MONTHLY_NTH_WEEKDAY = "monthly_nth_weekday"
TIMES_PER_YEAR = "times_per_year"
PER_TERM = "per_term"
AD_HOC = "ad_hoc"

# Chair rule kinds
STANDING_PERSON = "standing_person"
STANDING_ORG = "standing_org"
ROTATING = "rotating"

# Holiday rules
HOLIDAY_SKIP = "skip"
HOLIDAY_NEXT_WORKING_DAY = "next_working_day"
HOLIDAY_IGNORE = "ignore"

# Forum kinds
FORUM_KINDS = (
    "chefssamrad",
    "mandagsmote",
    "sspf",
    "trafiksakerhetsrad",
    "bra",
    "operativ_grupp",
    "other",
)

# Pause rules (a Pause with a rule instead of dates)
PAUSE_SCHOOL_HOLIDAYS = "skolloven"  # the school holidays the term rule gives
PAUSE_RULES = (PAUSE_SCHOOL_HOLIDAYS,)
