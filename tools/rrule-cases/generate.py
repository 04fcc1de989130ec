#!/usr/bin/env python3
"""Reference cases for libs/domain/src/meetings/recurrence.ts, computed with python-dateutil (the
reference implementation of RFC 5545 RRULE) and zoneinfo.

Semantics (RFC 5545 §3.3.5 and §3.3.10, which is what dateutil + zoneinfo with fold=0 give):
  - the rule is expanded in local wall-clock time from DTSTART = startDate + startTime;
  - each local time becomes an instant with fold=0: a time inside a DST gap takes the offset
    before the gap (it moves forward by the gap's length), an ambiguous time in an overlap is its
    first occurrence; the *next* occurrence is again the wall-clock time of the rule, so one
    occurrence in a gap never shifts the later ones;
  - UNTIL=...Z bounds the instants (inclusive); a date-only UNTIL (which calendars send although
    RFC 5545 wants a UTC date-time) is the inclusive last local date;
  - instants are de-duplicated (a day skipped by the zone, as on Kiritimati on 1994-12-31, maps
    two wall times to one instant; a meeting cannot occur twice at one instant).

Where dateutil departs from RFC 5545, the cases follow the RFC (and recurrence-rule.ts says so):
  - dateutil issue #1398: the first WEEKLY set starts at DTSTART instead of the WKST week, so
    BYSETPOS counts from DTSTART; occurrences() expands from the week's start instead;
  - BYWEEKNO=52/53 for the first days of January uses this year's length for last year's week
    count; random rules do not draw 52 or 53 (ISO weeks check them in recurrence.spec.ts).

Each case: zone, rrule, startDate, startTime, `from`, n → `next` (the first n occurrences at or after
`from`), and `to` → `between` (the occurrences in [from, to)). Instants are written in the zone's
local time with the offset, so a reader sees the wall-clock time and the offset at once.

Regenerate the committed fixture (deterministic for a given dateutil and tzdata):
  python3 tools/rrule-cases/generate.py fixture --out tools/rrule-cases/cases.json
Seeded random cases for the fuzzer (npm run fuzz:rrule):
  python3 tools/rrule-cases/generate.py random --seed 42 --count 200
"""

import argparse
import json
import random
import signal
import sys
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import dateutil
from dateutil.rrule import rrulestr

UTC = timezone.utc

# Zones of the regions the platform serves, each with DST (now, formerly or foreseen) unless noted.
ZONES = {
    "africa": [
        "Africa/Casablanca",  # +01 with a return to +00 during Ramadan, predicted to 2087
        "Africa/El_Aaiun",
        "Africa/Cairo",  # DST again since 2023
        "Africa/Windhoek",  # winter time until 2017
        "Africa/Juba",  # 2021 offset change
        "Africa/Khartoum",  # 2017 offset change
        "Africa/Lubumbashi",  # no DST: the platform's home
        "Africa/Johannesburg",  # no DST
        "Africa/Accra",  # no DST
    ],
    "latin_america": [
        "America/Santiago",  # transitions at 24:00
        "America/Punta_Arenas",
        "Pacific/Easter",
        "America/Asuncion",  # permanent -03 since October 2024
        "America/Sao_Paulo",  # DST until 2019
        "America/Manaus",
        "America/Montevideo",  # DST until 2015
        "America/Argentina/Buenos_Aires",  # DST 2007-2009
        "America/Argentina/San_Juan",
        "America/Mexico_City",  # DST until 2022
        "America/Hermosillo",
        "America/Tijuana",
        "America/Ciudad_Juarez",
        "America/Havana",  # transitions at 00:00 / 01:00
        "America/Port-au-Prince",
        "America/Guatemala",  # DST 2006
        "America/Tegucigalpa",  # DST 2006
        "America/Bogota",  # no DST
        "America/Lima",  # no DST
        "America/La_Paz",  # no DST
        "America/Caracas",  # offset changes 2007 and 2016
        "America/Guayaquil",
    ],
    "asia_pacific": [
        "Australia/Sydney",
        "Australia/Melbourne",
        "Australia/Hobart",
        "Australia/Adelaide",  # +09:30 / +10:30
        "Australia/Broken_Hill",
        "Australia/Perth",  # DST 2006-2009
        "Australia/Darwin",  # no DST
        "Australia/Brisbane",  # no DST
        "Australia/Lord_Howe",  # 30-minute DST
        "Pacific/Auckland",
        "Pacific/Chatham",  # +12:45 / +13:45
        "Pacific/Norfolk",  # DST since 2019
        "Pacific/Fiji",  # DST until 2021
        "Pacific/Apia",  # skipped 2011-12-30, DST until 2021
        "Pacific/Port_Moresby",  # no DST
        "Pacific/Bougainville",  # 2014 offset change
        "Pacific/Noumea",
        "Pacific/Kiritimati",  # +14, skipped 1994-12-31
        "Asia/Jakarta",
        "Asia/Makassar",
        "Asia/Jayapura",
        "Asia/Manila",
        "Asia/Ulaanbaatar",  # DST 2015-2016
        "Asia/Kathmandu",  # +05:45
        "Asia/Kolkata",
        "Asia/Tehran",  # DST until 2022
        "Asia/Jerusalem",
        "Asia/Gaza",
        "Asia/Beirut",  # transitions at 00:00
        "Asia/Amman",  # DST until 2022
        "Asia/Damascus",
    ],
    "europe_north_america": [
        "Europe/London",
        "Europe/Dublin",  # negative DST in tzdata
        "Europe/Lisbon",
        "Atlantic/Azores",  # transitions at 00:00 / 01:00
        "Europe/Paris",
        "Europe/Brussels",
        "Europe/Amsterdam",
        "Europe/Berlin",
        "Europe/Zurich",
        "Europe/Oslo",
        "Europe/Stockholm",
        "Europe/Helsinki",
        "Europe/Kyiv",
        "Europe/Moscow",  # no DST since 2011
        "Europe/Istanbul",  # no DST since 2016
        "America/New_York",
        "America/Toronto",
        "America/Chicago",
        "America/Denver",
        "America/Phoenix",  # no DST
        "America/Los_Angeles",
        "America/Vancouver",
        "America/Edmonton",
        "America/Winnipeg",
        "America/Halifax",
        "America/St_Johns",  # -03:30 / -02:30
        "America/Anchorage",
        "America/Nuuk",
        "Antarctica/Troll",  # 2-hour DST
    ],
}
ALL_ZONES = [z for zs in ZONES.values() for z in zs]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]  # datetime.weekday() order
YEAR_MIN, YEAR_MAX = 2000, 2040
NEXT_N = 10
BETWEEN_MAX = 30
SEARCH_YEARS = 60  # cases whose `next` reaches further are dropped (recurrence.ts searches 100)


class Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise Timeout()


signal.signal(signal.SIGALRM, _alarm)


def transitions(zone, y0, y1):
    """(utc instant, offset before, offset after) of every offset change in [y0, y1)."""
    tz = ZoneInfo(zone)
    t = int(datetime(y0, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(y1, 1, 1, tzinfo=UTC).timestamp())

    def off(s):
        return datetime.fromtimestamp(s, tz).utcoffset()

    out = []
    prev = off(t)
    while t < end:
        n = t + 86400
        o = off(n)
        if o != prev:
            lo, hi = t, n
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if off(mid) == prev:
                    lo = mid
                else:
                    hi = mid
            out.append((datetime.fromtimestamp(hi, UTC), prev, o))
            prev = o
        t = n
    return out


def to_instant(wall, tz):
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def fmt(instant, tz):
    return instant.astimezone(tz).isoformat()


def fmt_utc(instant):
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def occurrences(case):
    """All occurrence instants of a case (a generator, in order, de-duplicated)."""
    tz = ZoneInfo(case["zone"])
    parts = dict(p.split("=", 1) for p in case["rrule"].split(";"))
    until = parts.pop("UNTIL", None)
    count = int(parts.pop("COUNT")) if "COUNT" in parts else None
    dtstart = datetime.fromisoformat(f"{case['startDate']}T{case['startTime']}")
    expand_from = dtstart
    if parts["FREQ"] == "WEEKLY" and "BYSETPOS" in parts:
        # dateutil issue #1398: its first WEEKLY set starts at DTSTART, so BYSETPOS counts from
        # there. RFC 5545 says the set starts at the beginning of the interval (the WKST week):
        # expand from that week's start and drop what comes before DTSTART.
        if not any(k in parts for k in ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")):
            parts["BYDAY"] = WEEKDAYS[dtstart.weekday()]
        wkst = WEEKDAYS.index(parts.get("WKST", "MO"))
        expand_from = dtstart - timedelta(days=(dtstart.weekday() - wkst) % 7)
    rule = rrulestr(";".join(f"{k}={v}" for k, v in parts.items()), dtstart=expand_from)
    until_inst = until_date = None
    if until and "T" in until:
        until_inst = datetime.strptime(until, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        # Wall times this far past UNTIL are past it whatever the offset (at most ±14 h).
        until_wall_stop = until_inst.replace(tzinfo=None) + timedelta(hours=16)
    elif until:
        until_date = datetime.strptime(until, "%Y%m%d").date()
    last = None
    for wall in rule:
        if wall < dtstart:
            continue
        if count is not None:
            if count == 0:
                return
            count -= 1
        if until_date and wall.date() > until_date:
            return
        inst = to_instant(wall, tz)
        if until_inst and inst > until_inst:
            if wall > until_wall_stop:
                return
            continue
        if last is not None and inst <= last:
            continue  # the same instant twice (a skipped day)
        last = inst
        yield wall, inst


def expand(case, seconds=3):
    """Fills next/between of a case; None if dateutil needs too long (a rule that never occurs)."""
    tz = ZoneInfo(case["zone"])
    frm = datetime.fromisoformat(case["from"].replace("Z", "+00:00"))
    to = datetime.fromisoformat(case["to"].replace("Z", "+00:00"))
    stop = frm + timedelta(days=366 * SEARCH_YEARS)
    nxt, between = [], []
    complete = True
    signal.alarm(seconds)
    try:
        for _wall, inst in occurrences(case):
            if inst < frm:
                continue
            if inst >= stop:
                complete = len(nxt) >= case["n"]
                break
            if len(nxt) < case["n"]:
                nxt.append(inst)
            if inst < to:
                between.append(inst)
            if len(nxt) >= case["n"] and inst >= to:
                break
    except Timeout:
        return None
    finally:
        signal.alarm(0)
    if not complete:
        return None  # occurs more rarely than the search horizon: not a fair case
    if len(between) > BETWEEN_MAX:
        # A narrower window ending exactly on an occurrence also checks that `to` is exclusive.
        case["to"] = fmt_utc(between[BETWEEN_MAX])
        between = between[:BETWEEN_MAX]
    case["next"] = [fmt(i, tz) for i in nxt]
    case["between"] = [fmt(i, tz) for i in between]
    return case


def local_midnight(d, tz):
    return to_instant(datetime.combine(d, time(0, 0)), tz)


# ---------------------------------------------------------------------------------------------
# Rules


def nth_weekday(d):
    """BYDAY ordinals that select date d within its month: from the start and from the end."""
    wd = WEEKDAYS[d.weekday()]
    first = (d.day - 1) // 7 + 1
    nxt_month = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    days_in_month = (nxt_month - timedelta(days=1)).day
    last = -((days_in_month - d.day) // 7 + 1)
    return f"{first}{wd}", f"{last}{wd}", days_in_month


def rules_hitting(d, rng):
    """Rules (with the date they should start on) whose occurrences include the local date d."""
    wd = WEEKDAYS[d.weekday()]
    first, last, dim = nth_weekday(d)
    neg_mday = d.day - dim - 1
    before = d - timedelta(days=rng.choice([0, 1, 2, 3]))
    return [
        (f"FREQ=DAILY;COUNT={rng.randint(4, 9)}", before),
        ("FREQ=DAILY", d),  # the first occurrence itself falls on the transition
        (f"FREQ=WEEKLY;BYDAY={wd}", d - timedelta(days=7 * rng.randint(1, 6))),
        (f"FREQ=WEEKLY;INTERVAL=2;BYDAY={wd},{WEEKDAYS[(d.weekday() + 3) % 7]};WKST=SU", d),
        (f"FREQ=MONTHLY;BYDAY={rng.choice([first, last])}", d - timedelta(days=rng.randint(0, 120))),
        (f"FREQ=MONTHLY;BYMONTHDAY={neg_mday}", d - timedelta(days=rng.randint(0, 90))),
        (f"FREQ=MONTHLY;BYDAY={wd};BYSETPOS={rng.choice([first[:-2], last[:-2]])}", d - timedelta(days=40)),
        (
            f"FREQ=YEARLY;BYMONTH={d.month};BYDAY={rng.choice([first, last])}",
            d - timedelta(days=366 * rng.randint(0, 3)),
        ),
        (f"FREQ=YEARLY;BYMONTH={d.month};BYMONTHDAY={d.day};COUNT={rng.randint(2, 12)}", d),
        (f"FREQ=YEARLY;BYYEARDAY={d.timetuple().tm_yday}", d - timedelta(days=1)),
    ]


def weekday_set(rng, lo=1, hi=4):
    return ",".join(sorted(rng.sample(WEEKDAYS, rng.randint(lo, hi)), key=WEEKDAYS.index))


def nums(rng, pool, lo=1, hi=3):
    return ",".join(str(v) for v in sorted(rng.sample(pool, rng.randint(lo, hi))))


def random_rule(rng):
    freq = rng.choice(["DAILY", "WEEKLY", "WEEKLY", "MONTHLY", "MONTHLY", "MONTHLY", "YEARLY", "YEARLY"])
    p = [f"FREQ={freq}"]
    if freq == "DAILY":
        if rng.random() < 0.6:
            p.append(f"INTERVAL={rng.choice([2, 3, 5, 7, 10, 14])}")
        if rng.random() < 0.3:
            p.append(f"BYDAY={weekday_set(rng, 1, 5)}")
        if rng.random() < 0.15:
            p.append(f"BYMONTH={nums(rng, list(range(1, 13)), 1, 4)}")
        if rng.random() < 0.15:
            p.append(f"BYMONTHDAY={nums(rng, list(range(1, 32)) + list(range(-7, 0)), 1, 3)}")
    elif freq == "WEEKLY":
        if rng.random() < 0.6:
            p.append(f"INTERVAL={rng.choice([2, 2, 3, 4, 6])}")
        if rng.random() < 0.8:
            days = weekday_set(rng, 1, 4)
            p.append(f"BYDAY={days}")
            if "," in days and rng.random() < 0.25:
                p.append(f"BYSETPOS={rng.choice(['1', '-1', '1,-1'])}")
        if rng.random() < 0.5:
            p.append(f"WKST={rng.choice(WEEKDAYS)}")
        if rng.random() < 0.1:
            p.append(f"BYMONTH={nums(rng, list(range(1, 13)), 2, 6)}")
    elif freq == "MONTHLY":
        kind = rng.choice(["ord", "ord", "setpos", "setpos", "mday", "mday", "combo", "plain"])
        if kind == "ord":
            ords = [f"{n}{w}" for n in [1, 2, 3, 4, 5, -1, -2] for w in WEEKDAYS]
            p.append(f"BYDAY={','.join(rng.sample(ords, rng.randint(1, 2)))}")
        elif kind == "setpos":
            p.append(f"BYDAY={weekday_set(rng, 2, 5)}")
            p.append(f"BYSETPOS={rng.choice(['1', '2', '3', '-1', '-2', '1,-1', '2,4'])}")
        elif kind == "mday":
            p.append(f"BYMONTHDAY={rng.choice(['15', '-1', '-3', '29,30,31', '1,-1', '31', '-31', '2,15', '-10,-20', '30'])}")
        elif kind == "combo":
            p.append(rng.choice(["BYDAY=FR;BYMONTHDAY=13", "BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", "BYDAY=MO;BYMONTHDAY=-7,-6,-5,-4,-3,-2,-1"]))
        if rng.random() < 0.5:
            p.append(f"INTERVAL={rng.choice([2, 3, 4, 6, 12, 18])}")
        if rng.random() < 0.15:
            p.append(f"BYMONTH={nums(rng, list(range(1, 13)), 2, 6)}")
        if rng.random() < 0.25:
            p.append(f"WKST={rng.choice(WEEKDAYS)}")
    else:
        kind = rng.choice(["month_ord", "month_mday", "yday", "weekno", "year_ord", "setpos", "plain", "months"])
        if kind == "month_ord":
            p.append(f"BYMONTH={rng.randint(1, 12)}")
            p.append(f"BYDAY={rng.choice([1, 2, 3, 4, -1, -2])}{rng.choice(WEEKDAYS)}")
        elif kind == "month_mday":
            p.append(f"BYMONTH={nums(rng, list(range(1, 13)), 1, 3)}")
            p.append(f"BYMONTHDAY={rng.choice(['-1', '-2', '1', '15', '28', '29', '31', '-31', '1,-1'])}")
        elif kind == "yday":
            p.append(f"BYYEARDAY={rng.choice(['1,100,200', '-1', '-306', '60', '366', '-366', '1,-1', '182'])}")
        elif kind == "weekno":
            # Not 52 or 53: dateutil miscounts last year's weeks for the first days of January
            # (recurrence-rule.ts weekNoMask); recurrence.spec.ts checks those against ISO weeks.
            p.append(f"BYWEEKNO={rng.choice(['1', '20', '-1', '1,27', '-2', '10,30', '2'])}")
            p.append(f"BYDAY={weekday_set(rng, 1, 2)}")
        elif kind == "year_ord":
            p.append(f"BYDAY={rng.choice([1, 10, 20, 52, 53, -1, -10])}{rng.choice(WEEKDAYS)}")
        elif kind == "setpos":
            p.append(f"BYMONTH={nums(rng, list(range(1, 13)), 1, 3)}")
            p.append(f"BYDAY={weekday_set(rng, 2, 5)}")
            p.append(f"BYSETPOS={rng.choice(['1', '-1', '2', '-3', '1,-1'])}")
        elif kind == "months":
            p.append(f"BYMONTH={nums(rng, list(range(1, 13)), 1, 4)}")
        if rng.random() < 0.35:
            p.append(f"INTERVAL={rng.choice([2, 3, 4, 5])}")
        if rng.random() < 0.35:
            p.append(f"WKST={rng.choice(WEEKDAYS)}")
    rng.shuffle(p)  # part order is free in RFC 5545
    return ";".join(p)


TIMES = ["09:00", "10:00", "14:30", "08:15", "18:00", "00:00", "00:30", "01:30", "02:00", "02:30", "03:00", "23:30", "23:59"]


def random_time(rng):
    if rng.random() < 0.6:
        return rng.choice(TIMES)
    return f"{rng.randint(0, 23):02d}:{rng.choice([0, 15, 30, 45, rng.randint(0, 59)]):02d}"


def random_date(rng, y0=YEAR_MIN, y1=YEAR_MAX):
    d0 = date(y0, 1, 1).toordinal()
    return date.fromordinal(rng.randint(d0, date(y1, 12, 31).toordinal()))


def add_end(rng, case):
    """Optionally COUNT or UNTIL, computed from the rule's own occurrences."""
    r = rng.random()
    if r < 0.3:
        case["rrule"] += f";COUNT={rng.randint(1, 40)}"
    elif r < 0.55:
        tz = ZoneInfo(case["zone"])
        occ = []
        signal.alarm(3)
        try:
            for _wall, inst in occurrences(case):
                occ.append(inst)
                if len(occ) >= 60:
                    break
        except Timeout:
            return
        finally:
            signal.alarm(0)
        if not occ:
            return
        pick = occ[rng.randint(0, len(occ) - 1)]
        kind = rng.random()
        if kind < 0.4:
            until = pick  # synchronised with the rule: that occurrence is the last one
            case["rrule"] += f";UNTIL={until.strftime('%Y%m%dT%H%M%SZ')}"
        elif kind < 0.75:
            until = pick - timedelta(minutes=rng.choice([1, 30, 60, 600]))
            case["rrule"] += f";UNTIL={until.strftime('%Y%m%dT%H%M%SZ')}"
        else:
            case["rrule"] += f";UNTIL={pick.astimezone(tz).strftime('%Y%m%d')}"


def window(rng, case, start, tz):
    """`from`, `to` and n of a case: from before the start, later, or on an occurrence."""
    r = rng.random()
    if r < 0.45:
        frm = local_midnight(start - timedelta(days=rng.randint(0, 3)), tz)
    elif r < 0.85:
        frm = local_midnight(start, tz) + timedelta(minutes=rng.randint(0, 60 * 24 * 366 * 8))
        frm = min(frm, datetime(YEAR_MAX, 12, 31, tzinfo=UTC))
    else:
        frm = None  # on an occurrence: `from` is inclusive
        signal.alarm(3)
        try:
            occ = []
            for _wall, inst in occurrences(case):
                occ.append(inst)
                if len(occ) >= 20:
                    break
            if occ:
                frm = rng.choice(occ)
        except Timeout:
            pass
        finally:
            signal.alarm(0)
        if frm is None:
            frm = local_midnight(start, tz)
    days = rng.choice([90, 90, 180, 366, 1100])
    case["from"] = fmt_utc(frm)
    case["to"] = fmt_utc(frm + timedelta(days=days))
    case["n"] = NEXT_N


def random_case(rng, cid, zones=ALL_ZONES):
    for _ in range(50):
        zone = rng.choice(zones)
        tz = ZoneInfo(zone)
        start = random_date(rng)
        case = {
            "id": cid,
            "zone": zone,
            "rrule": random_rule(rng),
            "startDate": start.isoformat(),
            "startTime": random_time(rng),
        }
        add_end(rng, case)
        window(rng, case, start, tz)
        if expand(case) and case["next"]:
            return case
    raise RuntimeError("no random rule with occurrences found")


def transition_cases(rng, zone, per_zone):
    """Meeting times inside the gaps and overlaps of a zone, on rules that hit those days."""
    tz = ZoneInfo(zone)
    trs = [t for t in transitions(zone, YEAR_MIN, YEAR_MAX + 1)]
    if not trs:
        return []
    # Transitions still to come (the first ones from 2026 and the last ones up to 2040) or, in a
    # zone that dropped DST, its last ones; then a few more at random.
    recent = [t for t in trs if t[0].year >= 2026]
    pool = recent[:2] + recent[-2:] if recent else trs[-2:]
    picked = list(dict.fromkeys(pool))
    extra = [t for t in trs if t not in picked]
    picked += rng.sample(extra, min(len(extra), max(0, per_zone + 1 - len(picked))))
    picked = rng.sample(picked, min(per_zone, len(picked)))
    cases = []
    for instant, before, after in sorted(picked):
        wall_before = (instant + before).replace(tzinfo=None)
        wall_after = (instant + after).replace(tzinfo=None)
        lo, hi = sorted([wall_before, wall_after])
        kind = "gap" if after > before else "overlap"
        width = int((hi - lo).total_seconds() // 60)
        minutes = sorted({0, width // 2, max(width - 1, 0)})
        m = rng.choice(minutes)
        wall = lo + timedelta(minutes=m)
        d = wall.date()
        for rrule, start in rng.sample(rules_hitting(d, rng), 2):
            case = {
                "id": f"{kind}-{zone}-{instant.date().isoformat()}-{len(cases)}",
                "zone": zone,
                "rrule": rrule,
                "startDate": start.isoformat(),
                "startTime": wall.strftime("%H:%M"),
                "note": f"{kind} {lo.strftime('%Y-%m-%dT%H:%M')}..{hi.strftime('%H:%M')} local ({_off(before)} -> {_off(after)})",
            }
            if rng.random() < 0.7:
                frm = local_midnight(start - timedelta(days=1), tz)
            else:
                frm = local_midnight(d - timedelta(days=rng.randint(0, 40)), tz)
            case["from"] = fmt_utc(frm)
            case["to"] = fmt_utc(max(frm, local_midnight(d, tz)) + timedelta(days=rng.choice([30, 90, 400])))
            case["n"] = NEXT_N
            if expand(case) and case["next"]:
                cases.append(case)
    return cases


def _off(td):
    s = int(td.total_seconds())
    sign = "-" if s < 0 else "+"
    s = abs(s)
    return f"{sign}{s // 3600:02d}:{s % 3600 // 60:02d}"


def special_cases():
    """Hand-picked cases: skipped days, odd offsets, RFC 5545 examples in far-out years."""
    specs = [
        # Kiritimati skipped 31 December 1994 (-10 -> +14).
        ("Pacific/Kiritimati", "FREQ=DAILY;COUNT=6", "1994-12-29", "10:00", "1994-12-01T00:00:00Z"),
        ("Pacific/Kiritimati", "FREQ=DAILY", "1994-12-31", "09:00", "1994-12-01T00:00:00Z"),
        ("Pacific/Kiritimati", "FREQ=WEEKLY;BYDAY=SA", "1994-12-01", "23:30", "1994-12-01T00:00:00Z"),
        ("Pacific/Kiritimati", "FREQ=MONTHLY;BYMONTHDAY=-1", "1994-10-01", "12:00", "1994-10-01T00:00:00Z"),
        # Samoa skipped 30 December 2011 (-10 -> +14).
        ("Pacific/Apia", "FREQ=DAILY;COUNT=5", "2011-12-28", "10:00", "2011-12-01T00:00:00Z"),
        ("Pacific/Apia", "FREQ=WEEKLY;BYDAY=FR", "2011-12-01", "08:00", "2011-12-01T00:00:00Z"),
        ("Pacific/Apia", "FREQ=MONTHLY;BYMONTHDAY=30", "2011-10-01", "09:30", "2011-10-01T00:00:00Z"),
        # Chatham: +12:45 / +13:45, the gap is 02:45-03:45 local.
        ("Pacific/Chatham", "FREQ=DAILY;COUNT=5", "2027-09-24", "03:00", "2027-09-01T00:00:00Z"),
        ("Pacific/Chatham", "FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU", "2026-01-01", "02:45", "2026-01-01T00:00:00Z"),
        ("Pacific/Chatham", "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "2026-01-01", "02:50", "2026-01-01T00:00:00Z"),
        # Lord Howe: 30-minute DST, 02:00-02:30 is skipped, 01:30-02:00 repeats.
        ("Australia/Lord_Howe", "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", "2030-01-01", "02:15", "2030-01-01T00:00:00Z"),
        ("Australia/Lord_Howe", "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "2030-01-01", "01:45", "2030-01-01T00:00:00Z"),
        ("Australia/Lord_Howe", "FREQ=WEEKLY;BYDAY=SU", "2038-09-26", "02:00", "2038-09-20T00:00:00Z"),
        # Troll: a 2-hour DST (+00 / +02).
        ("Antarctica/Troll", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "2028-01-01", "02:30", "2028-01-01T00:00:00Z"),
        ("Antarctica/Troll", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "2028-01-01", "01:30", "2028-01-01T00:00:00Z"),
        # St John's: -03:30 / -02:30.
        ("America/St_Johns", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "2027-01-01", "02:30", "2027-01-01T00:00:00Z"),
        ("America/St_Johns", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "2027-01-01", "01:30", "2027-01-01T00:00:00Z"),
        # Santiago and Havana change at midnight: 00:00-01:00 does not exist on that day.
        ("America/Santiago", "FREQ=YEARLY;BYMONTH=9;BYDAY=1SU", "2026-01-01", "00:00", "2026-01-01T00:00:00Z"),
        ("America/Santiago", "FREQ=YEARLY;BYMONTH=4;BYDAY=1SA", "2026-01-01", "23:30", "2026-01-01T00:00:00Z"),
        ("America/Havana", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "2026-01-01", "00:30", "2026-01-01T00:00:00Z"),
        # Casablanca: back to +00 during Ramadan, far into the future.
        ("Africa/Casablanca", "FREQ=DAILY;INTERVAL=3", "2039-10-01", "02:30", "2039-10-01T00:00:00Z"),
        ("Africa/Casablanca", "FREQ=WEEKLY;BYDAY=SU", "2040-08-20", "02:30", "2040-08-20T00:00:00Z"),
        # Kathmandu: +05:45, no DST.
        ("Asia/Kathmandu", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "2027-01-01", "10:00", "2027-01-01T00:00:00Z"),
        # RFC 5545 examples, in New York in 2037-2040 (far-out DST rules).
        ("America/New_York", "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", "2037-09-07", "01:30", "2037-09-01T00:00:00Z"),
        ("America/New_York", "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "2036-11-04", "09:00", "2036-01-01T00:00:00Z"),
        ("America/New_York", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", "2039-03-01", "02:30", "2039-03-01T00:00:00Z"),
        ("America/New_York", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", "2039-03-01", "02:30", "2039-03-01T00:00:00Z"),
        ("America/New_York", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "2038-05-01", "09:00", "2038-01-01T00:00:00Z"),
        ("America/New_York", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU;UNTIL=20401104T055959Z", "2030-01-01", "01:30", "2030-01-01T00:00:00Z"),
        ("America/New_York", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU;UNTIL=20401104T053000Z", "2030-01-01", "01:30", "2030-01-01T00:00:00Z"),
        ("Europe/Paris", "FREQ=DAILY;UNTIL=20270330", "2027-03-26", "02:30", "2027-03-01T00:00:00Z"),
        # The series' home: first Tuesday in Lubumbashi, and the last weekday of the month.
        ("Africa/Lubumbashi", "FREQ=MONTHLY;BYDAY=1TU", "2027-01-05", "10:00", "2027-01-01T00:00:00Z"),
        ("Africa/Lubumbashi", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2027-01-01", "10:00", "2040-06-01T00:00:00Z"),
    ]
    out = []
    for i, (zone, rrule, start, tm, frm) in enumerate(specs):
        f = datetime.fromisoformat(frm.replace("Z", "+00:00"))
        case = {
            "id": f"special-{i}-{zone}",
            "zone": zone,
            "rrule": rrule,
            "startDate": start,
            "startTime": tm,
            "from": frm,
            "to": fmt_utc(f + timedelta(days=400)),
            "n": NEXT_N,
        }
        if not expand(case) or not case["next"]:
            raise RuntimeError(f"special case without occurrences: {case}")
        out.append(case)
    return out


def header(mode, seed):
    return {
        "generator": "tools/rrule-cases/generate.py",
        "mode": mode,
        "seed": seed,
        "dateutil": dateutil.__version__,
        "tzdata": tzdata_version(),
        "semantics": "dateutil.rrule over wall-clock time; zoneinfo fold=0 (RFC 5545 3.3.5); instants de-duplicated",
    }


def tzdata_version():
    for path in ("/usr/share/zoneinfo/tzdata.zi", "/usr/share/zoneinfo/+VERSION"):
        try:
            with open(path) as f:
                line = f.readline().strip()
                return line.replace("# version ", "")
        except OSError:
            pass
    return "unknown"


def fixture(seed=5545):
    rng = random.Random(seed)
    cases = special_cases()
    for zone in ALL_ZONES:
        cases += transition_cases(rng, zone, 3)
    for i in range(360):
        cases.append(random_case(rng, f"random-{i}"))
    return cases


def write(doc, out):
    lines = [json.dumps(c, ensure_ascii=False) for c in doc["cases"]]
    head = json.dumps({k: v for k, v in doc.items() if k != "cases"}, ensure_ascii=False)[:-1]
    text = head + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n"
    if out in (None, "-"):
        sys.stdout.write(text)
    else:
        with open(out, "w") as f:
            f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["fixture", "random"])
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    if a.mode == "fixture":
        seed = 5545 if a.seed is None else a.seed
        doc = header("fixture", seed)
        doc["cases"] = fixture(seed)
    else:
        seed = random.SystemRandom().randint(1, 2**31) if a.seed is None else a.seed
        rng = random.Random(seed)
        doc = header("random", seed)
        doc["cases"] = []
        for i in range(a.count):
            if rng.random() < 0.4:
                zone = rng.choice(ALL_ZONES)
                got = transition_cases(rng, zone, 1)
                if got:
                    doc["cases"].append(dict(got[0], id=f"fuzz-{seed}-{i}"))
                    continue
            doc["cases"].append(random_case(rng, f"fuzz-{seed}-{i}"))
    write(doc, a.out)
    print(f"{len(doc['cases'])} cases (seed {seed})", file=sys.stderr)


if __name__ == "__main__":
    main()
