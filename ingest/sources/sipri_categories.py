"""The UN Register of Conventional Arms category (I..VII, else 'other') of a SIPRI weapon
description, for the transfers the SIPRI exports give (ingest.sources.sipri)."""

from __future__ import annotations

import functools

from ingest.kit.places import normalize_alias

# UN Register of Conventional Arms categories, from SIPRI's weapon descriptions (lower case).
# SIPRI gives no weights, calibres or displacements, so the UN definitions are applied by type:
# I  battle tanks (>= 16.5 t, gun >= 75 mm): SIPRI 'tank'. A 'light tank' is mostly lighter
#    (PT-76, Scorpion) and goes to II; turrets, chassis and training tanks are parts -> other.
CATEGORY_I = frozenset({"tank"})
# II armoured combat vehicles (armoured, carrying >= 4 infantry or armed with >= 12.5 mm or a
#    missile launcher): APC, APV, IFV, armoured cars, armoured fire-support, reconnaissance AV,
#    tank destroyers, light tanks. Engineer, recovery and bridge-laying vehicles are unarmed
#    support vehicles -> other.
CATEGORY_II = frozenset(
    {
        "apc",
        "apc/apv",
        "apc/cp",
        "apc/ifv",
        "apv",
        "ifv",
        "ifv/afsv",
        "afsv",
        "amv",
        "armoured car",
        "reconnaissance av",
        "light tank",
        "tank destroyer",
    }
)
# III large-calibre artillery (guns, howitzers, mortars, MRL >= 75 mm, indirect fire): SIPRI
#    only records artillery of 100 mm and more, so every towed or self-propelled gun, MRL and
#    mortar qualifies. Naval and coastal guns and AA guns are not indirect-fire artillery.
CATEGORY_III = frozenset(
    {
        "towed gun",
        "self-propelled gun",
        "self-propelled mrl",
        "towed mrl",
        "mortar",
        "self-propelled mortar",
    }
)
# IV combat aircraft and unmanned combat aerial vehicles: fighters, FGA, ground attack, bombers,
#    armed trainers ('trainer/combat'), ASW aircraft (armed with torpedoes and depth charges) and
#    armed UAVs. Unarmed trainers, transports, reconnaissance and patrol aircraft -> other.
CATEGORY_IV = frozenset(
    {
        "fighter aircraft",
        "fga aircraft",
        "fga/ew aircraft",
        "ground attack aircraft",
        "bomber aircraft",
        "trainer/combat aircraft",
        "asw aircraft",
        "armed uav",
    }
)
# V  attack helicopters (armed with anti-armour, air-to-surface or air-to-subsurface weapons):
#    SIPRI 'combat helicopter', and ASW and anti-ship helicopters.
CATEGORY_V = frozenset({"combat helicopter", "asw helicopter", "anti-ship helicopter"})
# VI warships: armed vessels of >= 500 t standard displacement, or smaller ones able to launch
#    missiles or torpedoes of >= 25 km range. Simplification (SIPRI gives no displacement):
#    carriers, cruisers, destroyers, frigates, corvettes, submarines (all, incl. midget ones:
#    they carry torpedoes), fast attack craft (built to carry missiles or torpedoes), offshore
#    patrol vessels, landing ships and mine-warfare ships -> VI; patrol craft, gunboats, landing
#    craft and auxiliaries (support, supply, survey, training ships, tugs, tankers) -> other.
CATEGORY_VI = frozenset(
    {
        "aircraft carrier",
        "cruiser",
        "destroyer",
        "frigate",
        "frigate/landing ship",
        "corvette",
        "corvette/minesweeper",
        "submarine",
        "nuclear submarine",
        "midget submarine",
        "ssb",
        "fac",
        "opv",
        "opv/support ship",
        "opv/training ship",
        "opv/tug",
        "icebreaker/opv",
        "aals",
        "landing ship",
        "mcm ship",
        "minehunter",
        "minesweeper",
        "minelayer",
    }
)
# VII missiles and missile launchers: rockets and missiles with >= 25 km range and their
#    launchers, remotely piloted vehicles with missile characteristics (loitering munitions), and
#    MANPADS (VII b, SIPRI 'portable SAM'). The UN definition excludes ground-to-air missiles, so
#    SAM, SAM systems and ABM -> other. Simplification: every air-to-air, air-to-surface,
#    anti-ship, land-attack and surface-to-surface missile and guided rocket counts, whatever its
#    range; anti-tank missiles (well under 25 km), guided bombs and shells, torpedoes -> other.
CATEGORY_VII = frozenset(
    {
        "ssm",
        "ssm launcher",
        "ssm tel",
        "ssm/asm",
        "ssm/anti-ship missile",
        "slbm",
        "anti-ship missile",
        "anti-ship missile/asm",
        "anti-ship missile/asm/sam",
        "anti-ship missile/ssm",
        "anti-ship/anti-radar missile",
        "anti-ship/land-attack missile",
        "land-attack missile",
        "asm",
        "anti-radar missile",
        "anti-radar missile/asm",
        "bvraam",
        "bvraam/sam",
        "sraam",
        "guided rocket",
        "guided rocket/asm",
        "guided rocket/ssm",
        "coastal defence system",
        "loitering munition",
        "asw missile",
        "portable sam",
    }
)
HARMONISED_CATEGORIES = (
    ("I", CATEGORY_I),
    ("II", CATEGORY_II),
    ("III", CATEGORY_III),
    ("IV", CATEGORY_IV),
    ("V", CATEGORY_V),
    ("VI", CATEGORY_VI),
    ("VII", CATEGORY_VII),
)
# SIPRI armament categories that never hold a weapon system of the UN Register.
NON_REGISTER_ARMAMENT = frozenset({"sensors", "engines", "satellites", "other"})


@functools.lru_cache(maxsize=4096)
def harmonised_category(description: str | None, armament_category: str | None = None) -> str:
    """The UN Register category (I..VII) of a SIPRI weapon description, else 'other'.

    Rules: the description (case and spacing ignored) is looked up in the CATEGORY_* sets above;
    a combined description not listed there ('APC/ambulance') is looked up by its first part;
    anything else is 'other'. The new layout's Armament category only vetoes: sensors, engines,
    satellites and 'other' are never a Register category. SIPRI does not cover small arms, so
    'SALW' never results (MANPADS are VII b in the Register)."""
    if armament_category and normalize_alias(armament_category) in NON_REGISTER_ARMAMENT:
        return "other"
    if not description:
        return "other"
    key = normalize_alias(description)
    for candidate in (key, key.split("/", 1)[0].strip()):
        for category, descriptions in HARMONISED_CATEGORIES:
            if candidate in descriptions:
                return category
    return "other"
