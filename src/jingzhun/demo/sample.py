"""The embedded sample county: deterministic, fictional, realistic in shape.

样例县 (code 610999, not a real division) lies in 安康市, 陕西省 — a western province, so
the Ankang exclusion list (九条红线) applies to it. It has 8 villages and about 1,500
households with a spread of causes, incomes and household shapes. Names and ID numbers are
synthetic; ID numbers carry valid check digits so the consistency rules can be shown.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, Final

from stdnum.cn import ric

COUNTY_CODE: Final = "610999"
COUNTY_NAME: Final = "样例县"
SEED: Final = 20161231
INCOME_YEAR: Final = 2016
DECISION_DATE: Final = "2017-06-30"

_VILLAGES: Final = (
    ("V01", "青山村", 260, "high"),
    ("V02", "石门村", 230, "high"),
    ("V03", "河湾村", 210, "mid"),
    ("V04", "柳树村", 200, "mid"),
    ("V05", "金河村", 170, "low"),
    ("V06", "松坪村", 160, "high"),
    ("V07", "桃园村", 150, "low"),
    ("V08", "新街村", 140, "low"),
)
_SURNAMES: Final = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙"
    "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN: Final = "明华建国平军伟芳秀英玉兰海燕红梅丽强德福贵荣春生文学成林桂花志勇琴霞云山水涛静"
_CAUSE_WEIGHTS: Final = (
    ("illness", 30),
    ("disability", 8),
    ("schooling", 10),
    ("disaster", 3),
    ("lack_of_land", 4),
    ("lack_of_water", 3),
    ("lack_of_skills", 15),
    ("lack_of_labour", 14),
    ("lack_of_capital", 25),
    ("poor_transport", 4),
    ("lack_of_motivation", 4),
    ("other", 1),
)
# Birthplace codes valid in the year of birth (安康地区 6124xx until 2000, 安康市 6109xx after).
_BIRTHPLACES_BEFORE_2000: Final = ("612422", "612423", "612424", "612425", "612426", "612427")
_BIRTHPLACES_FROM_2000: Final = ("610902", "610921", "610922", "610923", "610924", "610925")
_INCOME_LEVEL: Final = {"high": 0.78, "mid": 1.0, "low": 1.25}


def _pick_cause(rng: random.Random, exclude: set[str]) -> str:
    options = [(c, w) for c, w in _CAUSE_WEIGHTS if c not in exclude]
    return rng.choices([c for c, _ in options], weights=[w for _, w in options])[0]


def _id_number(rng: random.Random, birth: dt.date, female: bool) -> str:
    seq = rng.randrange(0, 100) * 10 + rng.randrange(0, 5) * 2 + (0 if female else 1)
    places = _BIRTHPLACES_BEFORE_2000 if birth.year < 2000 else _BIRTHPLACES_FROM_2000
    body = f"{rng.choice(places)}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def _member(
    rng: random.Random, hid: str, n: int, relation: str, age: int, female: bool, on: dt.date
) -> dict[str, Any]:
    birth = on - dt.timedelta(days=age * 365 + rng.randrange(0, 365))
    m: dict[str, Any] = {
        "member_id": f"{hid}-{n:02d}",
        "relation": relation,
        "name": rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.choice((1, 2)))),
        "id_number": _id_number(rng, birth, female),
        "sex": "女" if female else "男",
        "birth_date": birth.isoformat(),
    }
    if age < 16:
        m["labour"] = "无劳动力"
        m["school"] = "学前教育" if age < 6 else "小学" if age < 12 else "初中"
    elif age >= 65:
        m["labour"] = rng.choice(("丧失劳动力", "弱劳动力或半劳动力", "无劳动力"))
    else:
        m["labour"] = rng.choices(
            ("普通劳动力", "技能劳动力", "弱劳动力或半劳动力"), weights=(70, 12, 18)
        )[0]
        if 16 <= age <= 19 and rng.random() < 0.5:
            m["school"] = rng.choice(("高中", "中职"))
        if 18 <= age <= 22 and rng.random() < 0.15:
            m["school"] = "高职高专及以上"
    return m


def _further_member(
    rng: random.Random, hid: str, n: int, head_age: int, on: dt.date
) -> dict[str, Any]:
    """A grandchild of an older head, a parent of a younger one, or else a child."""
    if head_age > 55 and rng.random() < 0.4:
        return _member(rng, hid, n, "孙子女", rng.randint(1, 15), rng.random() < 0.5, on)
    if head_age < 45 and rng.random() < 0.2:
        return _member(rng, hid, n, "父母", head_age + rng.randint(22, 30), rng.random() < 0.5, on)
    age = max(0, head_age - rng.randint(20, 34))
    return _member(rng, hid, n, "子女", age, rng.random() < 0.5, on)


def _members(rng: random.Random, hid: str, on: dt.date) -> list[dict[str, Any]]:
    """The head (户主), usually a spouse, then children, grandchildren or parents."""
    size = rng.choices((1, 2, 3, 4, 5, 6), weights=(10, 22, 24, 24, 14, 6))[0]
    head_age = rng.randint(28, 78)
    head_female = rng.random() < 0.12
    members = [_member(rng, hid, 1, "户主", head_age, head_female, on)]
    if (size >= 2 and head_age < 75) or (size >= 2 and rng.random() < 0.5):
        spouse_age = max(20, head_age + rng.randint(-5, 3))
        members.append(_member(rng, hid, 2, "配偶", spouse_age, not head_female, on))
    while len(members) < size:
        members.append(_further_member(rng, hid, len(members) + 1, head_age, on))
    return members


def _causes(rng: random.Random, members: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """The main and other causes (致贫原因), borne out by the members (marked in place)."""
    main = _pick_cause(rng, set())
    others: list[str] = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        others.append(_pick_cause(rng, {main, *others}))
    causes = {main, *others}
    if "illness" in causes:
        rng.choice(members)["health"] = rng.choice(("长期慢性病", "患有大病"))
    if "disability" in causes:
        m = rng.choice(members)
        m["disabled"] = True
        m["labour"] = "丧失劳动力" if m["labour"] != "无劳动力" else m["labour"]
    if "schooling" in causes and not any(m.get("school") for m in members):
        young = [m for m in members if m["relation"] in ("子女", "孙子女")]
        if young:
            rng.choice(young)["school"] = "高中"
        else:  # nobody to send to school: the cost of schooling cannot be the cause
            main = "lack_of_capital" if main == "schooling" else main
            others = [c for c in others if c not in ("schooling", main)]
    return main, others


def _income(rng: random.Random, level: str, causes: set[str], size: int) -> dict[str, str]:
    """Per-capita net income around the line, lower in the poorer villages."""
    scale = _INCOME_LEVEL[level] * (0.75 if "lack_of_labour" in causes else 1.0)
    per_capita = max(400.0, rng.lognormvariate(0, 0.42) * 3000 * scale)
    net = Decimal(round(per_capita * size))
    wages = (net * Decimal(rng.uniform(0.2, 0.7))).quantize(Decimal(1))
    transfers = (net * Decimal(rng.uniform(0.05, 0.3))).quantize(Decimal(1))
    costs = Decimal(rng.randrange(0, 1500, 50))
    business = net - wages - transfers + costs
    if business < 0:
        wages += business
        business = Decimal(0)
    return {
        "wages": str(wages),
        "business": str(business),
        "property_income": "0",
        "transfers": str(transfers),
        "business_costs": str(costs),
    }


def _guarantees(rng: random.Random, level: str) -> dict[str, bool]:
    """两不愁三保障, mostly met; unsafe housing is commoner in the poorer villages."""
    return {
        "food": rng.random() > 0.01,
        "clothing": rng.random() > 0.01,
        "compulsory_education": rng.random() > 0.03,
        "basic_medical_care": rng.random() > 0.05,
        "housing_safety": rng.random() > (0.12 if level == "high" else 0.06),
        "drinking_water": rng.random() > 0.08,
    }


def _exclusion_facts(rng: random.Random, record: dict[str, Any]) -> None:
    """A few households with a car, a house in town or a village cadre (exclusion criteria)."""
    roll = rng.random()
    if roll < 0.02:
        price = str(rng.randrange(20000, 90000, 500))
        record["assets"] = {"vehicles": [{"kind": "private_car", "purchase_price": price}]}
    elif roll < 0.035:
        record["assets"] = {"town_property": True}
    elif roll < 0.045:
        record["members"][0]["village_cadre"] = True


def _household(
    rng: random.Random, hid: str, village: str, level: str, on: dt.date
) -> dict[str, Any]:
    """One household record of a village whose poverty ``level`` is high, mid or low."""
    members = _members(rng, hid, on)
    main, others = _causes(rng, members)
    income = _income(rng, level, {main, *others}, len(members))
    record: dict[str, Any] = {
        "household_id": hid,
        "county_code": COUNTY_CODE,
        "village_id": village,
        "declared_size": len(members),
        "income_year": INCOME_YEAR,
        "income": income,
        "guarantees": _guarantees(rng, level),
        "main_cause": main,
        "other_causes": others,
        "household_type": rng.choices(
            ("一般贫困户", "低保贫困户", "五保贫困户"), weights=(78, 18, 4)
        )[0],
        "members": members,
        "helper": f"帮扶干部{rng.randint(1, 120):03d}",
        "measures": rng.sample(
            ("产业扶持", "转移就业", "教育资助", "医疗救助", "危房改造", "小额信贷", "低保兜底"),
            k=rng.randint(1, 3),
        ),
        "exit_target_year": rng.choice((2017, 2018, 2019, 2020)),
    }
    _exclusion_facts(rng, record)
    return record


def _noise(rng: random.Random, households: list[dict[str, Any]]) -> None:
    """A few registry errors of the kinds real data-quality rules catch (about 2%)."""
    for rec in rng.sample(households, k=len(households) // 50):
        kind = rng.randrange(4)
        if kind == 0:
            rec["declared_size"] = rec["declared_size"] + 1
        elif kind == 1:
            rec["main_cause"] = "disability"
            for m in rec["members"]:
                m.pop("disabled", None)
        elif kind == 2 and any(
            m["labour"] == "无劳动力" and m.get("school") for m in rec["members"]
        ):
            child = next(m for m in rec["members"] if m["labour"] == "无劳动力" and m.get("school"))
            child["labour"] = "普通劳动力"
        else:
            m = rec["members"][0]
            m["id_number"] = m["id_number"][:-1] + ("0" if m["id_number"][-1] != "0" else "1")


def sample_households() -> list[dict[str, Any]]:
    """The sample county's household records (JSON-ready dicts), in registry order."""
    rng = random.Random(SEED)
    on = dt.date(2017, 6, 30)
    out: list[dict[str, Any]] = []
    for vid, _name, count, level in _VILLAGES:
        for i in range(1, count + 1):
            out.append(_household(rng, f"{COUNTY_CODE}{vid}{i:04d}", vid, level, on))
    _noise(rng, out)
    return out


def generate_households(count: int, *, seed: int = SEED) -> Iterator[dict[str, Any]]:
    """``count`` more households shaped like the sample's, for benchmarks (streamed)."""
    rng = random.Random(seed)
    on = dt.date(2017, 6, 30)
    for n in range(count):
        vid, _name, _count, level = _VILLAGES[n % len(_VILLAGES)]
        yield _household(rng, f"{COUNTY_CODE}{vid}{n:07d}", vid, level, on)


def sample_villages() -> dict[str, Any]:
    """The sample county's villages with an illustrative provincial reference (2013 figures)."""
    rng = random.Random(SEED + 1)
    villages = []
    for vid, name, count, level in _VILLAGES:
        rural = count * 3 + rng.randint(150, 600)
        poor_share = {"high": 0.34, "mid": 0.2, "low": 0.1}[level] * rng.uniform(0.85, 1.2)
        villages.append(
            {
                "village_id": vid,
                "county_code": COUNTY_CODE,
                "name": name,
                "rural_population": rural,
                "poor_population": round(rural * poor_share),
                "per_capita_net_income": str(
                    round({"high": 3300, "mid": 4600, "low": 5600}[level] * rng.uniform(0.9, 1.1))
                ),
                "income_year": 2013,
                "collective_income": "0"
                if level == "high" or rng.random() < 0.3
                else str(rng.randrange(5000, 60000, 1000)),
            }
        )
    return {
        "note": "示例数据 / fictional sample; the reference values are illustrative, not official",
        "reference": {
            "code": "61",
            "level": "province",
            "poverty_incidence": "0.151",
            "average_per_capita_income": "7092",
            "year": 2013,
        },
        "villages": villages,
    }


def sample_registry(identified: Iterable[str], *, year: int = 2017) -> list[dict[str, Any]]:
    """The sample county's registry for the ``year`` adjustment, as JSON-ready records.

    ``identified`` are the ids registered as poor (the demo takes them from identification).
    Of the others, about 6% had been registered in 2014 and exited in 2016; the rest are not
    registered. Incomes are re-drawn for ``year`` (support raises most registered incomes; a
    few exited households fall back), stable income sources and fixed houses are recorded.
    """
    registered = set(identified)
    rng = random.Random(SEED + year)
    out: list[dict[str, Any]] = []
    for rec in sample_households():
        new = {k: v for k, v in rec.items() if k not in ("income", "income_year")}
        hid = rec["household_id"]
        if hid in registered:
            status, growth = "poor", rng.lognormvariate(0.22, 0.25)
            new["history"] = [{"on": f"{year}-06-30", "status": "poor", "action": "identified"}]
        elif rng.random() < 0.06:
            status, growth = "exited", rng.uniform(0.55, 1.3)
            new["history"] = [
                {"on": "2014-10-01", "status": "poor", "action": "identified"},
                {"on": "2016-12-31", "status": "exited", "action": "exit"},
            ]
        else:
            status, growth = "not_registered", rng.uniform(0.95, 1.2)
        new["registry_status"] = status
        new["income_year"] = year
        new["income"] = {
            k: str((Decimal(v) * Decimal(str(round(growth, 3)))).quantize(Decimal(1)))
            for k, v in rec["income"].items()
        }
        new["stable_income_source"] = rng.random() < 0.75
        guarantees = dict(rec["guarantees"])
        for key, value in guarantees.items():
            if value is False and status == "poor" and rng.random() < 0.6:
                guarantees[key] = True  # fixed by this year's support (危房改造, 教育资助 …)
        new["guarantees"] = guarantees
        out.append(new)
    return out
