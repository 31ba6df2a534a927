"""The demo center (`onewindow demo`): a county hall modelled on the seeds (Zhuanghe: 26 resident
departments, 27 windows in 5 zones, 60+ staff), a branch center, two township centers and village
agent points. Idempotent: a second run changes nothing but today's duty roster."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from onewindow.common.identifiers import credit_code_check_character
from onewindow.org import services
from onewindow.org.models import Role, Site, Staff, StaffAbsence, Window
from onewindow.workcalendar import services as calendar_services
from onewindow.workcalendar.arithmetic import WorkingCalendar

DEMO_PASSWORD = "OneWindow@2026"  # noqa: S105 - published on purpose: demo logins only
COUNTY_CODE = "210283"

#: (name, short name) of the departments resident at the county center.
COUNTY_DEPARTMENTS = [
    ("市发展和改革局", "发改"),
    ("市教育局", "教育"),
    ("市公安局", "公安"),
    ("市民政局", "民政"),
    ("市司法局", "司法"),
    ("市财政局", "财政"),
    ("市人力资源和社会保障局", "人社"),
    ("市自然资源局", "自然资源"),
    ("市生态环境分局", "生态环境"),
    ("市住房和城乡建设局", "住建"),
    ("市交通运输局", "交通"),
    ("市水务局", "水务"),
    ("市农业农村局", "农业农村"),
    ("市商务局", "商务"),
    ("市文化旅游和广播电视局", "文旅"),
    ("市卫生健康局", "卫健"),
    ("市应急管理局", "应急"),
    ("市市场监督管理局", "市场监管"),
    ("市医疗保障局", "医保"),
    ("国家税务总局庄河市税务局", "税务"),
    ("市不动产登记中心", "不动产"),
    ("市住房公积金管理中心", "公积金"),
    ("市城市管理综合行政执法局", "城管"),
    ("市气象局", "气象"),
    ("市残疾人联合会", "残联"),
    ("市非税收入管理局", "非税"),
]

#: (number, name, kind, zone, department short names) — the 27 windows of the five zones.
COUNTY_WINDOWS = [
    ("1", "咨询导办", "CONSULTATION", "咨询和政策法律服务区", []),
    ("2", "投诉受理", "COMPLAINT", "咨询和政策法律服务区", []),
    ("3", "档案与法律服务", "ARCHIVE_LEGAL", "咨询和政策法律服务区", ["司法"]),
    ("4", "综合受理（企业开办）", "COMPREHENSIVE", "接待和受理区", ["市场监管", "税务", "公安", "人社"]),
    ("5", "综合受理（工程建设）", "COMPREHENSIVE", "接待和受理区", ["发改", "自然资源", "住建", "生态环境"]),
    ("6", "综合受理（社会事务）", "COMPREHENSIVE", "接待和受理区", ["民政", "卫健", "教育", "残联"]),
    ("7", "综合出件", "RECEPTION", "接待和受理区", []),
    ("8", "市场主体登记", "HANDLING", "事项承办区", ["市场监管"]),
    ("9", "食品药品许可", "HANDLING", "事项承办区", ["市场监管"]),
    ("10", "投资项目审批", "HANDLING", "事项承办区", ["发改"]),
    ("11", "规划与用地", "HANDLING", "事项承办区", ["自然资源"]),
    ("12", "建设工程许可", "HANDLING", "事项承办区", ["住建"]),
    ("13", "环境影响评价", "HANDLING", "事项承办区", ["生态环境"]),
    ("14", "户籍与出入境", "HANDLING", "事项承办区", ["公安"]),
    ("15", "婚姻与社会救助", "HANDLING", "事项承办区", ["民政"]),
    ("16", "社会保障", "HANDLING", "事项承办区", ["人社"]),
    ("17", "医疗保障", "HANDLING", "事项承办区", ["医保"]),
    ("18", "不动产登记", "HANDLING", "事项承办区", ["不动产"]),
    ("19", "住房公积金", "HANDLING", "事项承办区", ["公积金"]),
    ("20", "交通运输", "HANDLING", "事项承办区", ["交通"]),
    ("21", "农业与水务", "HANDLING", "事项承办区", ["农业农村", "水务"]),
    ("22", "卫生健康", "HANDLING", "事项承办区", ["卫健"]),
    ("23", "文化旅游与教育", "HANDLING", "事项承办区", ["文旅", "教育"]),
    ("24", "税务办理", "HANDLING", "事项承办区", ["税务"]),
    ("25", "收费窗口", "FEE", "收费区", ["非税", "财政"]),
    ("26", "银行代收", "FEE", "收费区", ["非税"]),
    ("27", "重大项目绿色通道", "GREEN_CHANNEL", "管理和监督区", ["发改", "住建", "自然资源"]),
]

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN_NAMES = [
    "建国",
    "秀英",
    "志强",
    "海燕",
    "立新",
    "丽华",
    "国庆",
    "晓东",
    "春梅",
    "文博",
    "雪莲",
    "振华",
    "玉兰",
    "永胜",
    "静怡",
    "明辉",
    "红霞",
    "子涵",
    "伟",
    "敏",
    "磊",
    "洋",
    "娟",
    "军",
    "杰",
    "婷",
    "鹏",
    "慧",
    "超",
    "琳",
    "浩然",
    "思远",
    "佳怡",
    "宇航",
    "晨曦",
    "家豪",
    "欣悦",
    "俊杰",
    "梦瑶",
    "天佑",
]

#: The logins printed by `make run`: (username, full name, title, roles, where).
KNOWN_LOGINS = [
    ("office", "林振华", "中心办公室主任", [Role.CENTER_OFFICE], None),
    ("business", "高晓东", "业务科科长", [Role.BUSINESS_SECTION], None),
    ("supervision", "郑明辉", "监察科科长", [Role.SUPERVISION_SECTION], None),
    ("clerk", "王秀英", "综合受理员", [Role.WINDOW_CLERK], "4"),
    ("chief", "刘建国", "市场监管局首席代表", [Role.CHIEF_REPRESENTATIVE, Role.WINDOW_CLERK], "8"),
    ("reviewer", "陈海燕", "市场监管局审核员", [Role.DEPARTMENT_REVIEWER], "市场监管"),
    ("agent", "赵永胜", "全程代办员", [Role.CASE_AGENT], "27"),
    ("planner", "何志远", "自然资源局首席代表", [Role.CHIEF_REPRESENTATIVE], "自然资源"),
    ("planreview", "马丽娜", "自然资源局审核员", [Role.DEPARTMENT_REVIEWER], "自然资源"),
    ("housing", "蒋文涛", "住建局审核员", [Role.DEPARTMENT_REVIEWER], "住建"),
    ("ecology", "邵雨晴", "生态环境分局审核员", [Role.DEPARTMENT_REVIEWER], "生态环境"),
    ("fee", "孙丽华", "收费员", [Role.FEE_CLERK], "25"),
]


@dataclass
class DemoResult:
    created: bool
    logins: list[tuple[str, str, str]]
    roster_date: date
    roster_created: int
    roster_gaps: list[str]


def _credit_code(sequence: int) -> str:
    """A well-formed credit code for a government body (1 1 + county code + 9-character org code)."""
    body = f"11{COUNTY_CODE}{'MB'}{sequence:07d}"
    return body + credit_code_check_character(body)


class _Names:
    def __init__(self):
        self.index = 0

    def next(self) -> str:
        surname = SURNAMES[self.index % len(SURNAMES)]
        given = GIVEN_NAMES[(self.index * 7) % len(GIVEN_NAMES)]
        self.index += 1
        return surname + given


def _staff(
    *, username: str, full_name: str, site: Site, roles, department=None, title="", number: str
) -> Staff:
    return services.staff_create(
        username=username,
        full_name=full_name,
        password=DEMO_PASSWORD,
        site=site,
        employee_number=number,
        roles=roles,
        department=department,
        title=title,
        phone=f"139{zlib.crc32(number.encode()) % 100_000_000:08d}",
    )


def _build_county(*, start: date, names: _Names) -> Site:
    county = services.site_create(
        name="庄河市政务服务中心",
        short_name="市中心",
        code=COUNTY_CODE,
        kind=Site.Kind.CENTER,
        level=Site.Level.COUNTY,
        address="庄河市世纪广场一号市政府办公大楼一楼",
        phone="0411-89781234",
        supervision_phone="0411-89781200",
        opening_hours="周一至周五 8:30–11:30，13:00–17:00（法定节假日除外）",
    )
    departments = {}
    for index, (name, short) in enumerate(COUNTY_DEPARTMENTS, start=1):
        departments[short] = services.department_save(
            site=county,
            name=name,
            short_name=short,
            credit_code=_credit_code(index),
            phone=f"0411-8978{1300 + index}",
            sort_order=index * 10,
        )
    windows = {}
    for number, name, kind, zone, shorts in COUNTY_WINDOWS:
        windows[number] = services.window_save(
            site=county,
            number=number,
            name=name,
            kind=kind,
            zone=zone,
            departments=[departments[s] for s in shorts],
        )
    sequence = 1000

    def next_number() -> str:
        nonlocal sequence
        sequence += 1
        return f"ZH{sequence}"

    known = {}
    for username, full_name, title, roles, where in KNOWN_LOGINS:
        department = departments.get(where) if where in departments else None
        if (
            where in windows
            and windows[where].departments.exists()
            and windows[where].kind == Window.Kind.HANDLING
        ):
            department = windows[where].departments.first()
        known[username] = _staff(
            username=username,
            full_name=full_name,
            site=county,
            roles=roles,
            department=department,
            title=title,
            number=next_number(),
        )
    for username, full_name, title, roles in [
        ("admin", "系统管理员", "信息科", [Role.ADMINISTRATOR]),
        ("office2", "何静怡", "办公室科员", [Role.CENTER_OFFICE]),
        ("business2", "罗文博", "业务科科员", [Role.BUSINESS_SECTION]),
        ("supervision2", "梁雪莲", "监察科科员", [Role.SUPERVISION_SECTION]),
    ]:
        known[username] = _staff(
            username=username,
            full_name=full_name,
            site=county,
            roles=roles,
            title=title,
            number=next_number(),
        )
    known["admin"].user.is_staff = known["admin"].user.is_superuser = True
    known["admin"].user.save(update_fields=["is_staff", "is_superuser"])

    # A and B posts: the known logins first, then new staff for every other seat.
    seated = {"4": known["clerk"], "8": known["chief"], "25": known["fee"], "27": known["agent"]}
    for number, _name, kind, _zone, shorts in COUNTY_WINDOWS:
        window = windows[number]
        department = departments[shorts[0]] if kind == "HANDLING" else None
        role = {
            "FEE": Role.FEE_CLERK,
            "GREEN_CHANNEL": Role.CASE_AGENT,
            "HANDLING": Role.WINDOW_CLERK,
        }.get(kind, Role.WINDOW_CLERK)
        holders = []
        for post in ("A", "B"):
            if post == "A" and number in seated:
                holder = seated[number]
            else:
                holder = _staff(
                    username=f"w{number}{post.lower()}",
                    full_name=names.next(),
                    site=county,
                    roles=[role],
                    department=department,
                    title=f"{number}号窗口{post}岗",
                    number=next_number(),
                )
            services.window_post_assign(window=window, post=post, staff=holder, from_date=start)
            holders.append(holder)
    # Back-office reviewers and chief representatives of the busiest departments.
    for short in ["发改", "自然资源", "住建", "公安", "民政", "人社", "不动产"]:
        _staff(
            username=f"rev-{len(short)}{departments[short].pk}",
            full_name=names.next(),
            site=county,
            roles=[Role.DEPARTMENT_REVIEWER],
            department=departments[short],
            title="审核员",
            number=next_number(),
        )
    chiefs = {}
    for short in ["住建", "人社", "不动产"]:
        chiefs[short] = _staff(
            username=f"chief-{departments[short].pk}",
            full_name=names.next(),
            site=county,
            roles=[Role.CHIEF_REPRESENTATIVE],
            department=departments[short],
            title="首席代表",
            number=next_number(),
        )
    for index in range(2):
        _staff(
            username=f"agent{index + 2}",
            full_name=names.next(),
            site=county,
            roles=[Role.CASE_AGENT],
            title="全程代办员",
            number=next_number(),
        )

    _delegations(start=start, chief=known["chief"], planner=known["planner"], chiefs=chiefs)
    return county


def _delegations(*, start: date, chief: Staff, planner: Staff, chiefs: dict[str, Staff]) -> None:
    services.delegation_create(
        chief_representative=chief,
        letter_number="庄市监授〔2026〕1号",
        signed_by="市场监督管理局局长 宋振华",
        valid_from_date=start,
        scope_note="窗口当场审核、当场决定，加盖行政审批专用章。",
        items=[
            services.DelegatedItem("210283-SCJG-XK-001", "个体工商户设立登记"),
            services.DelegatedItem("210283-SCJG-XK-002", "个体工商户变更登记"),
            services.DelegatedItem("210283-SCJG-XK-003", "食品经营许可（仅销售预包装食品备案）"),
            services.DelegatedItem("210283-SCJG-XK-004", "营业执照遗失补领"),
            services.DelegatedItem(
                "210283-SCJG-XK-005", "食品经营许可（新办）", may_decide_on_the_spot=False
            ),
        ],
    )
    services.delegation_create(
        chief_representative=planner,
        letter_number="庄自然资源授〔2026〕2号",
        signed_by="自然资源局局长 韩立峰",
        valid_from_date=start,
        scope_note="经审查后决定，签发规划许可证件；批准延长办理期限。",
        items=[
            services.DelegatedItem(
                "210283-ZRZY-XK-001", "建设工程规划许可证核发", may_decide_on_the_spot=False
            ),
            services.DelegatedItem(
                "210283-ZRZY-XK-002", "乡村建设规划许可证核发", may_decide_on_the_spot=False
            ),
        ],
    )
    letters = {
        "住建": (
            "庄住建授〔2026〕3号",
            "住房和城乡建设局局长 曹立新",
            [
                ("210283-ZJ-XK-011", "建筑工程施工许可证核发（限额以下）"),
                ("210283-ZJ-QT-002", "商品房预售资金监管协议备案"),
            ],
        ),
        "人社": (
            "庄人社授〔2026〕2号",
            "人力资源和社会保障局局长 彭玉兰",
            [("210283-RS-GG-001", "社会保障卡申领"), ("210283-RS-GG-007", "就业创业证申领")],
        ),
        "不动产": (
            "庄不动产授〔2026〕1号",
            "不动产登记中心主任 吕国庆",
            [("210283-BDC-QR-001", "不动产权证书补发"), ("210283-BDC-QR-004", "不动产登记资料查询")],
        ),
    }
    for short, (letter, signer, items) in letters.items():
        services.delegation_create(
            chief_representative=chiefs[short],
            letter_number=letter,
            signed_by=signer,
            valid_from_date=start,
            items=[services.DelegatedItem(code, name) for code, name in items],
        )


def _build_lower_levels(*, county: Site, start: date, names: _Names) -> None:
    branch = services.site_create(
        name="庄河市政务服务中心城东分中心",
        short_name="城东分中心",
        code=f"{COUNTY_CODE}B01",
        kind=Site.Kind.BRANCH,
        level=Site.Level.COUNTY,
        parent=county,
        address="庄河市昌盛街道新华路88号（原人社局大厅）",
        phone="0411-89785566",
        opening_hours="周一至周五 8:30–11:30，13:00–17:00",
    )
    _small_site(
        site=branch,
        start=start,
        names=names,
        prefix="CD",
        departments=[
            ("市人力资源和社会保障局城东服务站", "人社站", 101),
            ("市医疗保障局城东服务站", "医保站", 102),
        ],
        windows=[
            ("1", "社保医保综合受理", "COMPREHENSIVE", ["人社站", "医保站"]),
            ("2", "社保卡服务", "HANDLING", ["人社站"]),
            ("3", "医保报销", "HANDLING", ["医保站"]),
        ],
    )
    for code, name, village_names in [
        ("210283102", "青堆镇", ["青堆村", "老虎山村"]),
        ("210283104", "大营镇", ["大营村"]),
    ]:
        township = services.site_create(
            name=f"{name}便民服务中心",
            short_name=name,
            code=code,
            kind=Site.Kind.TOWNSHIP,
            level=Site.Level.TOWNSHIP,
            parent=county,
            address=f"庄河市{name}人民政府一楼",
            phone="0411-8966" + code[-4:],
            opening_hours="周一至周五 8:00–11:30，13:00–16:30",
        )
        base = 200 if name == "青堆镇" else 300
        _small_site(
            site=township,
            start=start,
            names=names,
            prefix=code[-3:],
            departments=[
                (f"{name}民政办", "民政办", base + 1),
                (f"{name}社会保障所", "社保所", base + 2),
                (f"{name}司法所", "司法所", base + 3),
                (f"庄河市公安局{name}派出所", "派出所", base + 4),
            ],
            windows=[
                ("1", "综合受理", "COMPREHENSIVE", ["民政办", "社保所"]),
                ("2", "社会保障", "HANDLING", ["社保所"]),
                ("3", "户籍办理", "HANDLING", ["派出所"]),
                ("4", "民政与司法", "HANDLING", ["民政办", "司法所"]),
            ],
            first_login="township" if name == "青堆镇" else None,
        )
        for index, village in enumerate(village_names, start=1):
            point = services.site_create(
                name=f"{name}{village}代办点",
                short_name=village,
                code=f"{code}{index:03d}",
                kind=Site.Kind.VILLAGE,
                level=Site.Level.VILLAGE,
                parent=township,
                address=f"{name}{village}村民委员会",
                phone="",
                opening_hours="周一至周五 8:00–11:30，13:00–16:30",
            )
            window = services.window_save(
                site=point, number="1", name="代办窗口", kind=Window.Kind.COMPREHENSIVE
            )
            agent = _staff(
                username="village" if village == "青堆村" else f"v{code[-3:]}{index}",
                full_name=names.next(),
                site=point,
                roles=[Role.WINDOW_CLERK],
                title="村代办员",
                number=f"V{code[-3:]}{index}",
            )
            services.window_post_assign(window=window, post="A", staff=agent, from_date=start)


def _small_site(
    *, site: Site, start: date, names: _Names, prefix: str, departments, windows, first_login=None
) -> None:
    by_short = {}
    for name, short, sequence in departments:
        by_short[short] = services.department_save(
            site=site, name=name, short_name=short, credit_code=_credit_code(sequence)
        )
    for index, (number, name, kind, shorts) in enumerate(windows):
        window = services.window_save(
            site=site, number=number, name=name, kind=kind, departments=[by_short[s] for s in shorts]
        )
        department = by_short[shorts[0]] if kind == "HANDLING" else None
        for post in ("A", "B"):
            username = (
                first_login
                if (first_login and index == 0 and post == "A")
                else f"s{prefix}{number}{post.lower()}"
            )
            member = _staff(
                username=username,
                full_name=names.next(),
                site=site,
                roles=[Role.WINDOW_CLERK],
                department=department,
                title=f"{number}号窗口{post}岗",
                number=f"{prefix}{number}{post}",
            )
            services.window_post_assign(window=window, post=post, staff=member, from_date=start)


def demo_load(*, today: date, now: datetime, calendar: WorkingCalendar) -> DemoResult:
    """Create the demo center once; every run fills today's roster (on a working day)."""
    created = False
    with transaction.atomic():
        calendar_services.calendar_seed_from_package(at=now)
        calendar_services.calendar_year_open(year=today.year + 1, actor=None, at=now)
        county = Site.objects.filter(code=COUNTY_CODE).first()
        if county is None:
            created = True
            start = date(today.year, 1, 1)
            names = _Names()
            county = _build_county(start=start, names=names)
            _build_lower_levels(county=county, start=start, names=names)
            # The archive window's A post is on leave and its B post away at training this week:
            # the roster shows the office a window with nobody on duty.
            archive = Window.objects.get(site=county, number="3")
            for post, kind in (("A", StaffAbsence.Kind.LEAVE), ("B", StaffAbsence.Kind.TRAINING)):
                holder = archive.posts.get(post=post, active_to_date__isnull=True).staff
                services.staff_absence_record(
                    staff=holder,
                    kind=kind,
                    start_date=today,
                    end_date=calendar.add(today, 3),
                    note="演示数据",
                )
    # Today's roster (or, at a weekend, the next working day's), so the desk and console have content.
    roster_date = calendar.next_working_day(today)
    roster_created, gaps = 0, []
    for site in Site.objects.filter(windows__isnull=False).distinct().order_by("path"):
        result = services.duty_roster_generate(
            site=site, duty_date=roster_date, actor=None, at=now, calendar=calendar
        )
        roster_created += len(result.created)
        gaps.extend(f"{site.short_name or site.name} {window.number}号窗口" for window in result.gaps)
    logins = [
        (username, full_name, ", ".join(str(Role(role).label) for role in roles))
        for username, full_name, _t, roles, _w in KNOWN_LOGINS
    ]
    logins.insert(0, ("admin", "系统管理员", str(Role.ADMINISTRATOR.label)))
    logins.append(
        ("township", Staff.objects.get(user__username="township").name, "青堆镇便民服务中心 窗口受理人员")
    )
    logins.append(("village", Staff.objects.get(user__username="village").name, "青堆村代办点 村代办员"))
    return DemoResult(
        created=created,
        logins=logins,
        roster_date=roster_date,
        roster_created=roster_created,
        roster_gaps=gaps,
    )
