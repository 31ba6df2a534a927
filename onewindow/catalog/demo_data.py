"""Demo service-item catalog (政务服务事项) of the Zhuanghe county-level government service center.

Sixty-four items of the departments resident at the demo center, modelled on published Liaoning service
guides (办事指南): legal basis (laws and regulations in force, with article numbers where the provision
is well established), acceptance conditions, procedure, statutory and promised time limits, internal
steps, materials and fees. Local fee amounts (road occupation and excavation, construction waste) are
illustrative. Pure data, no Django imports: the demo seeding code (``catalog/demo.py``) reads ``ITEMS``.

Vocabularies used by every item dict:

- ``department`` / ``co_departments`` / step owners: department short names of the demo center.
- ``variant``: NEW | CHANGE | RENEWAL | CANCELLATION | NONE (新办/变更/延续/注销/无).
- ``type``: 01 许可, 02 处罚, 03 强制, 04 征收, 05 给付, 06 检查, 07 确认, 08 奖励, 09 裁决, 10 其他,
  20 公共服务, plus the local codes 90 年检 and 91 便民服务. ``basic_code`` is 10 digits: the 2-digit
  type code, a 5-digit main item and a 3-digit sub item (variants of one item share the first 7 digits).
- ``case_kind``: IMMEDIATE (即办件) | PROMISED (承诺件) | JOINT (联办件) | REPORTED (上报件).
- ``statutory`` / ``promised``: ``(number, "WORKING_DAYS" | "NATURAL_DAYS", note)``; immediate items
  promise 0. ``steps``: ``(name, working-day limit, owner short name or None for the implementing
  department)``, summing to at most the promised number.
- ``service_objects``: GB/T 39046 A.4 codes (1 自然人, 2 企业法人, 3 事业法人, 4 社会组织法人,
  5 非法人企业, 6 行政机关, 9 其他组织). ``handling_forms``: WINDOW | WEB | MOBILE | MAIL.
- material ``necessity``: REQUIRED | OPTIONAL | DEFERRABLE (容缺受理); ``medium``: PAPER | ELECTRONIC |
  BOTH; ``source``: APPLICANT | GOVERNMENT | SHARED; ``form``: field labels of a blank application form
  to generate, or None.
- fee ``kind``: FIXED | PER_UNIT (``amount`` per ``unit``) | RANGE (``min``–``max``) | TIERED
  (``tiers`` of ``(upper quantity or None, amount)`` per ``unit``); amounts are decimal strings in yuan.
"""

ITEMS: list[dict] = [
    # ---- 发改（市发展和改革局）----------
    {
        "department": "发改",
        "name": "企业投资项目备案",
        "basic_code": "1000001001",
        "variant": "NONE",
        "type": "10",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《企业投资项目核准和备案管理条例》（国务院令第673号）第三条、第十三条、第十四条。\n"
            "2. 《企业投资项目核准和备案管理办法》（国家发展和改革委员会令第2号）。"
        ),
        "conditions": (
            "1. 项目为企业在中国境内投资建设的固定资产投资项目，且不属于《政府核准的投资项目目录》范围。\n"
            "2. 项目符合国家产业政策，不属于产业结构调整指导目录中的淘汰类项目。\n"
            "3. 企业在开工建设前通过在线平台如实告知项目信息。"
        ),
        "procedure": (
            "1. 填报：登录全国投资项目在线审批监管平台（辽宁）填报项目信息。\n"
            "2. 备案：备案机关收到全部信息即为备案，平台生成项目代码。\n"
            "3. 变更：项目信息发生较大变更的，企业应当及时通过平台告知备案机关。"
        ),
        "statutory": (0, "WORKING_DAYS", "备案机关收到全部信息即为备案"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["2", "5"],
        "handling_forms": ["WEB", "WINDOW"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "企业投资项目备案证明",
        "faq": [
            (
                "备案需要发改部门审批吗？",
                "不需要。备案机关收到全部信息即为备案，企业对项目信息的真实性、合法性和完整性负责。",
            ),
        ],
        "keywords": ["项目备案", "投资备案", "立项", "项目代码"],
        "themes": ["工程建设"],
        "materials": [
            {
                "name": "企业投资项目备案信息",
                "issuer": "项目单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "APPLICANT",
                "form": None,
                "notes": (
                    "包括企业基本情况，项目名称、建设地点、建设规模、建设内容，项目总投资额，"
                    "项目符合产业政策的声明"
                ),
                "standard": "信息真实、完整",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 教育（市教育局）----------
    {
        "department": "教育",
        "name": "民办幼儿园设立审批",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国民办教育促进法》第十二条。\n"
            "2. 《中华人民共和国民办教育促进法实施条例》（国务院令第741号）。\n"
            "3. 《幼儿园管理条例》。"
        ),
        "conditions": (
            "1. 举办者为具有法人资格的社会组织或者具有完全民事行为能力的个人，信用状况良好。\n"
            "2. 符合本市学前教育布局规划。\n"
            "3. 有符合规定的园舍、户外活动场地、设施设备和卫生保健条件。\n"
            "4. 有符合条件的园长、教师、保育员、卫生保健人员和其他工作人员。\n"
            "5. 有必备的办园资金和稳定的经费来源。"
        ),
        "procedure": (
            "1. 申请：举办者向市教育局提交正式设立申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：审查申请材料，组织实地考察评估。\n"
            "4. 决定：经集体研究，符合条件的颁发民办学校办学许可证。"
        ),
        "statutory": (90, "NATURAL_DAYS", "自受理之日起3个月内以书面形式作出是否批准的决定"),
        "promised": (30, "NATURAL_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("材料审查", 5, None),
            ("实地考察", 10, None),
            ("集体研究", 5, None),
            ("决定发证", 3, None),
        ],
        "service_objects": ["1", "2", "4"],
        "handling_forms": ["WINDOW"],
        "online": False,
        "appointment": True,
        "visits": 1,
        "result_name": "民办学校办学许可证",
        "faq": [
            (
                "取得办学许可证后还要办什么？",
                (
                    "取得办学许可证后，应当依法办理法人登记（民办非企业单位或事业单位法人登记，"
                    "营利性的办理公司登记）后方可招生。"
                ),
            ),
        ],
        "keywords": ["幼儿园", "办幼儿园", "民办园", "办学许可证"],
        "themes": ["教育培训"],
        "materials": [
            {
                "name": "民办幼儿园设立申请书",
                "issuer": "举办者",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "载明举办者、园名、办园规模、办园条件等",
            },
            {
                "name": "举办者资格证明文件",
                "issuer": "举办者",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "园长、教师、保育员等人员资格证明",
                "issuer": "申请人",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "园舍产权证明或租赁合同",
                "issuer": "产权人或出租方",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "托幼机构卫生评价报告",
                "issuer": "妇幼保健机构",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "幼儿园章程和资产来源、资金数额及有效证明文件",
                "issuer": "举办者",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "教育",
        "name": "中小学教师资格认定",
        "basic_code": "0700002001",
        "variant": "NONE",
        "type": "07",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国教师法》第十条、第十一条、第十三条。\n"
            "2. 《教师资格条例》（国务院令第188号）。\n"
            "3. 《〈教师资格条例〉实施办法》（教育部令第10号）。"
        ),
        "conditions": (
            "1. 具有中华人民共和国国籍，遵守宪法和法律，热爱教育事业，具有良好的思想品德。\n"
            "2. 具备《中华人民共和国教师法》规定的相应学历。\n"
            "3. 中小学和幼儿园教师资格考试合格，或符合免试认定条件。\n"
            "4. 普通话水平达到国家规定标准。\n"
            "5. 体检合格。\n"
            "6. 本事项认定幼儿园、小学、初级中学教师资格；高级中学和中等职业学校教师资格由上级教育行政部门"
            "认定。"
        ),
        "procedure": (
            "1. 网上申报：在公告规定时间内通过中国教师资格网提交认定申请。\n"
            "2. 资格审查：在线核验学历、考试合格证明和普通话证书，现场或在线确认。\n"
            "3. 体检：到指定医院进行体检。\n"
            "4. 认定发证：作出认定结论，合格的颁发教师资格证书。"
        ),
        "statutory": (30, "NATURAL_DAYS", "自受理申请期限终止之日起30日内作出认定结论"),
        "promised": (20, "NATURAL_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("资格审查", 5, None),
            ("体检结果核验", 3, None),
            ("认定决定", 2, None),
            ("制证", 3, None),
        ],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "教师资格证书",
        "faq": [
            ("一年可以申请几次？", "本市每年春季、秋季各组织一次认定，具体时间以市教育局发布的公告为准。"),
        ],
        "keywords": ["教师资格证", "教资认定", "教师证", "幼师资格"],
        "themes": ["教育培训", "就业创业"],
        "materials": [
            {
                "name": "教师资格认定申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "APPLICANT",
                "form": None,
                "notes": "网上申报后系统生成",
                "standard": "",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "学历证书信息",
                "issuer": "教育部门（学信网）",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "普通话水平测试等级证书信息",
                "issuer": "语言文字工作部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "教师资格认定体格检查表",
                "issuer": "指定医院",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "体检结论为合格",
            },
        ],
        "fees": [],
    },
    # ---- 公安（市公安局）----------
    {
        "department": "公安",
        "name": "户口迁移（市内迁移）",
        "basic_code": "0700001001",
        "variant": "CHANGE",
        "type": "07",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国户口登记条例》第六条、第十条。\n"
            "2. 《国务院关于进一步推进户籍制度改革的意见》（国发〔2014〕25号）。"
        ),
        "conditions": (
            "1. 本人户籍在本市，因购房、投靠亲属、婚姻、工作等原因在本市范围内变更常住户口登记地。\n"
            "2. 在迁入地有合法稳定住所（自有房屋或租赁房屋），或符合投靠落户条件。\n"
            "3. 迁入社区集体户的，符合集体户落户规定。"
        ),
        "procedure": (
            "1. 申请：到迁入地派出所户籍窗口或政务服务中心公安窗口提出申请。\n"
            "2. 审核：民警核验身份、住所和亲属关系等材料。\n"
            "3. 办结：符合条件的当场办理迁入，同步注销原登记地户口，无需回原派出所开具迁移证明。\n"
            "4. 领证：当场签发新的居民户口簿或户口簿增页。"
        ),
        "statutory": (0, "WORKING_DAYS", "符合条件的当场办理"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "居民户口簿（迁移后）",
        "faq": [
            (
                "市内迁户口还要回原派出所开迁移证吗？",
                "不需要。本市范围内迁移实行“一站式”办理，在迁入地即可同时完成迁入和迁出。",
            ),
        ],
        "keywords": ["迁户口", "户口迁移", "落户", "户口本", "买房落户"],
        "themes": ["户籍办理"],
        "materials": [
            {
                "name": "户口迁移申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "申请人姓名",
                    "公民身份号码",
                    "现户口所在地",
                    "迁入地址",
                    "迁移原因",
                    "随迁人员",
                    "与迁入户户主关系",
                    "联系电话",
                ],
                "notes": "随迁人员一并填写；投靠落户的由被投靠人签字同意",
                "standard": "内容完整，签字齐全",
            },
            {
                "name": "迁出地居民户口簿",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "迁移人员居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "合法稳定住所证明",
                "issuer": "不动产登记机构或出租方",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "自有房屋可通过不动产登记信息共享核验；租赁房屋提供租赁合同",
                "standard": "",
            },
            {
                "name": "亲属关系证明",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "投靠落户的提交结婚证、出生医学证明等",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "公安",
        "name": "居民身份证申领",
        "basic_code": "0700002001",
        "variant": "NEW",
        "type": "07",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国居民身份证法》第二条、第八条、第十条、第十二条、第二十条。\n"
            "2. 《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）。"
        ),
        "conditions": (
            "1. 居住在中华人民共和国境内的年满十六周岁的中国公民，应当申请领取居民身份证；未满十六周岁的，"
            "可以申请领取。\n"
            "2. 首次申领、有效期满换领、证件损坏换领或丢失补领。\n"
            "3. 本人到场采集人像和指纹信息；未满十六周岁的由监护人陪同。"
        ),
        "procedure": (
            "1. 申请：到户籍所在地派出所或政务服务中心公安窗口申请（换领、补领可异地办理）。\n"
            "2. 采集：现场免费采集人像、指纹信息，填写《居民身份证申领登记表》。\n"
            "3. 审核：核验户籍信息。\n"
            "4. 制证：上报省公安厅制证中心制作。\n"
            "5. 发证：到受理窗口领取或选择邮政速递送达。"
        ),
        "statutory": (
            60,
            "NATURAL_DAYS",
            "自提交《居民身份证申领登记表》之日起60日内；交通不便地区可延长，最长不超过30日",
        ),
        "promised": (15, "NATURAL_DAYS", ""),
        "steps": [("受理采集", 0, None), ("审核", 1, None), ("制证", 10, None), ("发证", 1, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "MAIL"],
        "online": False,
        "appointment": True,
        "visits": 1,
        "result_name": "居民身份证",
        "faq": [
            (
                "身份证可以在外地办吗？",
                "可以。换领、补领居民身份证实行全国异地受理，可在居住地公安窗口直接申请。",
            ),
            ("办好后能邮寄吗？", "可以。申领时选择邮政速递送达即可，无需再次到场领证。"),
        ],
        "keywords": ["身份证", "换身份证", "补办身份证", "身份证到期", "身份证丢了"],
        "themes": ["证件办理", "户籍办理"],
        "materials": [
            {
                "name": "居民身份证申领登记表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "姓名",
                    "性别",
                    "民族",
                    "出生日期",
                    "公民身份号码",
                    "常住户口所在地住址",
                    "申领原因",
                    "领证方式",
                    "联系电话",
                ],
                "notes": "现场由窗口系统打印，申请人核对后签字",
                "standard": "信息与户籍登记一致",
            },
            {
                "name": "居民户口簿",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "本人户籍信息可在线核验的无需提交",
                "standard": "",
            },
            {
                "name": "原居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "换领的交回原证",
                "standard": "",
            },
        ],
        "fees": [
            {
                "name": "居民身份证工本费",
                "kind": "FIXED",
                "amount": "20.00",
                "unit": "证",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》"
                    "（发改价格〔2003〕2322号）"
                ),
                "waivable": True,
                "waiver_basis": (
                    "《中华人民共和国居民身份证法》第二十条：城市中领取最低生活保障金的居民、"
                    "农村中有特殊生活困难的居民，在其初次申请领取和换领居民身份证时，免收工本费"
                ),
            },
        ],
    },
    {
        "department": "公安",
        "name": "普通护照签发",
        "basic_code": "0100003001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国护照法》第五条、第六条、第十三条。\n2. 《中华人民共和国出境入境管理法》。"
        ),
        "conditions": (
            "1. 申请人为中国公民，因定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国。\n"
            "2. 不具有《中华人民共和国护照法》第十三条规定的不予签发护照的情形。\n"
            "3. 未满十六周岁的，由监护人陪同申请。\n"
            "4. 登记备案的国家工作人员，已取得所在单位同意。"
        ),
        "procedure": (
            "1. 申请：本人到出入境窗口申请，可通过“移民局”App预约、预填。\n"
            "2. 受理：核验身份，现场采集照片、指纹。\n"
            "3. 审批：出入境管理机构审核。\n"
            "4. 制证发证：制证后到窗口领取或邮寄送达。"
        ),
        "statutory": (
            15,
            "WORKING_DAYS",
            "自收到申请材料之日起15日内签发（《中华人民共和国护照法》第六条）",
        ),
        "promised": (7, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("审批", 2, None), ("制证", 4, None), ("发证", 1, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "MOBILE", "MAIL"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "中华人民共和国普通护照",
        "faq": [
            ("外地户口能在庄河办护照吗？", "可以。内地居民可在全国任一出入境管理机构申请普通护照。"),
        ],
        "keywords": ["护照", "出国", "办护照", "出境"],
        "themes": ["证件办理"],
        "materials": [
            {
                "name": "中国公民出入境证件申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "姓名",
                    "性别",
                    "出生日期",
                    "公民身份号码",
                    "户口所在地",
                    "申请类别",
                    "申请事由",
                    "紧急联系人及电话",
                    "本人联系电话",
                ],
                "notes": "可在线预填，现场打印签字",
                "standard": "信息真实，本人签字",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "所在单位出具的同意出境意见",
                "issuer": "所在单位",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "登记备案的国家工作人员提交",
                "standard": "",
            },
        ],
        "fees": [
            {
                "name": "普通护照工本费",
                "kind": "FIXED",
                "amount": "120.00",
                "unit": "本",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格〔2019〕914号）"
                ),
                "waivable": False,
                "waiver_basis": "",
            },
        ],
    },
    {
        "department": "公安",
        "name": "无犯罪记录证明开具",
        "basic_code": "2000004001",
        "variant": "NONE",
        "type": "20",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": "《公安机关办理无犯罪记录证明工作规定》（公通字〔2021〕19号）。",
        "conditions": (
            "1. 申请人为中国公民，或在中国境内居留的外国人。\n"
            "2. 本人申请，或委托他人代为申请。\n"
            "3. 用于就业、出国、从业资格办理等需要证明有无犯罪记录的用途。"
        ),
        "procedure": (
            "1. 申请：到户籍地或居住地公安机关窗口申请，或通过“辽事通”App在线申请。\n"
            "2. 查询：公安机关查询违法犯罪信息。\n"
            "3. 出具：经查询无犯罪记录的，当场出具证明（网上申请的出具电子证明）。"
        ),
        "statutory": (3, "WORKING_DAYS", "受理后一般3个工作日内出具；情况复杂的不超过10个工作日"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "无犯罪记录证明",
        "faq": [
            (
                "电子证明有效吗？",
                "有效。电子无犯罪记录证明可通过扫描二维码核验真伪，与纸质证明具有同等效力。",
            ),
        ],
        "keywords": ["无犯罪记录", "无犯罪证明", "政审", "良民证"],
        "themes": ["证件办理", "就业创业"],
        "materials": [
            {
                "name": "无犯罪记录证明申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "写明证明用途",
                "standard": "",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "授权委托书及受托人身份证件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "委托他人代为办理的提交，委托书须载明委托事项和权限",
                "standard": "委托人签字（盖章），受托人身份证件有效",
            },
        ],
        "fees": [],
    },
    {
        "department": "公安",
        "name": "居住证明开具",
        "basic_code": "9100005001",
        "variant": "NONE",
        "type": "91",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": "1. 《居住证暂行条例》（国务院令第663号）。\n2. 《中华人民共和国户口登记条例》。",
        "conditions": (
            "1. 申请人在本市辖区内实际居住。\n"
            "2. 能够提供合法稳定住所证明（自有房屋产权证明、房屋租赁合同等）。\n"
            "3. 用于子女入学、申领居住证、办理社会保险等需要证明实际居住情况的事项。"
        ),
        "procedure": (
            "1. 申请：到居住地派出所或政务服务中心公安窗口申请。\n"
            "2. 核实：通过流动人口信息和住房信息核验居住情况。\n"
            "3. 出具：当场出具居住证明。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "居住证明",
        "faq": [
            (
                "居住证明和居住证有什么区别？",
                (
                    "居住证明是对实际居住情况的证明文书；居住证是依据《居住证暂行条例》"
                    "向在本市居住半年以上、符合条件的人员发放的证件，两者用途不同。"
                ),
            ),
        ],
        "keywords": ["居住证明", "住址证明", "入学证明", "居住地证明"],
        "themes": ["户籍办理"],
        "materials": [
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "合法稳定住所证明",
                "issuer": "不动产登记机构或出租方",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 民政（市民政局）----------
    {
        "department": "民政",
        "name": "结婚登记",
        "basic_code": "0700001001",
        "variant": "NEW",
        "type": "07",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国民法典》第一千零四十六条至第一千零四十九条。\n2. 《婚姻登记条例》。"
        ),
        "conditions": (
            "1. 男女双方完全自愿。\n"
            "2. 男方年满22周岁，女方年满20周岁。\n"
            "3. 双方均无配偶。\n"
            "4. 双方没有直系血亲和三代以内旁系血亲关系。\n"
            "5. 双方亲自到婚姻登记机关共同申请。"
        ),
        "procedure": (
            "1. 预约：可通过“辽事通”App或电话预约登记日期（非必须）。\n"
            "2. 申请：双方共同到婚姻登记处出示证件，签署申请结婚登记声明书。\n"
            "3. 审查：登记员询问相关情况，核验证件和声明。\n"
            "4. 登记：符合条件的当场予以登记，双方在登记员面前签字确认。\n"
            "5. 颁证：当场发给结婚证，可自愿选择颁证仪式。"
        ),
        "statutory": (0, "WORKING_DAYS", "符合结婚条件的当场予以登记，发给结婚证"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW"],
        "online": False,
        "appointment": True,
        "visits": 1,
        "result_name": "结婚证",
        "faq": [
            (
                "外地户口可以在庄河登记结婚吗？",
                (
                    "可以。婚姻登记实行跨省通办，非本市户籍的当事人也可以在本市婚姻登记机关办理，"
                    "具体以现行规定为准。"
                ),
            ),
            ("需要自己准备照片吗？", "需要提交3张近期半身免冠2寸双人合影照片，登记处也提供现场拍照服务。"),
        ],
        "keywords": ["结婚", "领证", "结婚证", "登记结婚"],
        "themes": ["婚姻登记"],
        "materials": [
            {
                "name": "申请结婚登记声明书",
                "issuer": "当事人",
                "originals": 2,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": [
                    "男方姓名",
                    "男方身份证件号码",
                    "女方姓名",
                    "女方身份证件号码",
                    "本人无配偶声明",
                    "双方无直系血亲和三代以内旁系血亲关系声明",
                    "声明人签名及日期",
                ],
                "notes": "须在婚姻登记员面前亲自签名，不得代签",
                "standard": "双方亲笔签名、按指纹",
            },
            {
                "name": "男女双方居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "近期半身免冠2寸双人合影照片",
                "issuer": "申请人",
                "originals": 3,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "红底彩色，双方合影",
            },
            {
                "name": "居民户口簿",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "可通过户籍信息共享核验的无需提交",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "民政",
        "name": "离婚登记",
        "basic_code": "0700001002",
        "variant": "CANCELLATION",
        "type": "07",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国民法典》第一千零七十六条、第一千零七十七条、第一千零七十八条。\n"
            "2. 《婚姻登记条例》。"
        ),
        "conditions": (
            "1. 男女双方自愿离婚，均具有完全民事行为能力。\n"
            "2. 已签订书面离婚协议，对子女抚养、财产以及债务处理等事项协商一致。\n"
            "3. 双方持有内地婚姻登记机关或者中国驻外使（领）馆颁发的结婚证。\n"
            "4. 双方亲自到婚姻登记机关申请。"
        ),
        "procedure": (
            "1. 申请：双方持证件和离婚协议书共同到婚姻登记处申请，"
            "登记机关受理后出具离婚登记申请受理回执单。\n"
            "2. 冷静期：自登记机关收到申请之日起30日内，任何一方不愿意离婚的，可以撤回申请。\n"
            "3. 申请发证：冷静期届满后30日内，双方亲自到婚姻登记机关申请发给离婚证；未申请的，"
            "视为撤回离婚登记申请。\n"
            "4. 审查登记：查明双方确实自愿离婚并已协商一致的，予以登记，当场发给离婚证。"
        ),
        "statutory": (
            60,
            "NATURAL_DAYS",
            "含30日离婚冷静期；冷静期届满后30日内双方申请发证，逾期视为撤回申请",
        ),
        "promised": (31, "NATURAL_DAYS", "冷静期届满后双方到场申请发证的，当场办结"),
        "steps": [("受理申请", 0, None), ("冷静期届满后审查", 1, None), ("登记发证", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW"],
        "online": False,
        "appointment": True,
        "visits": 2,
        "result_name": "离婚证",
        "faq": [
            (
                "什么是离婚冷静期？",
                (
                    "自婚姻登记机关收到离婚登记申请之日起30日内，任何一方不愿意离婚的，"
                    "可以向登记机关撤回申请（《中华人民共和国民法典》第一千零七十七条）。"
                ),
            ),
            (
                "为什么要去两次？",
                "第一次提交申请；冷静期届满后30日内，双方还应当亲自到婚姻登记机关申请发给离婚证。",
            ),
        ],
        "keywords": ["离婚", "协议离婚", "离婚证", "冷静期"],
        "themes": ["婚姻登记"],
        "materials": [
            {
                "name": "离婚登记申请书",
                "issuer": "当事人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": [
                    "男方姓名",
                    "男方身份证件号码",
                    "女方姓名",
                    "女方身份证件号码",
                    "结婚登记日期",
                    "结婚证字号",
                    "申请人签名",
                ],
                "notes": "在婚姻登记员面前亲自签名",
                "standard": "双方亲笔签名",
            },
            {
                "name": "男女双方居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "结婚证",
                "issuer": "婚姻登记机关",
                "originals": 2,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "离婚协议书",
                "issuer": "当事人",
                "originals": 3,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "载明双方自愿离婚的意思表示以及对子女抚养、财产及债务处理等事项协商一致的意见",
            },
            {
                "name": "近期半身免冠2寸单人照片",
                "issuer": "申请人",
                "originals": 4,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "每人2张",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "民政",
        "name": "补领结婚证",
        "basic_code": "0700001003",
        "variant": "NONE",
        "type": "07",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": "1. 《婚姻登记条例》。\n2. 《婚姻登记工作规范》。",
        "conditions": (
            "1. 结婚证遗失或者损毁。\n"
            "2. 当事人依法登记结婚，且婚姻关系仍然存续。\n"
            "3. 当事人亲自到婚姻登记机关申请；可以双方共同申请，也可以一方申请补领本人的结婚证。"
        ),
        "procedure": (
            "1. 申请：当事人到婚姻登记处提出补领申请。\n"
            "2. 查证：登记机关查阅婚姻登记档案或全国婚姻登记信息系统。\n"
            "3. 补发：确认属实的，当场补发结婚证。"
        ),
        "statutory": (0, "WORKING_DAYS", "查证属实的当场补发"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW"],
        "online": False,
        "appointment": True,
        "visits": 1,
        "result_name": "结婚证（补发）",
        "faq": [
            (
                "当年在外地登记结婚的能在本市补领吗？",
                "婚姻登记信息已全国联网的，可在本市婚姻登记机关申请补领。",
            ),
        ],
        "keywords": ["补结婚证", "结婚证丢了", "补办结婚证"],
        "themes": ["婚姻登记", "证件办理"],
        "materials": [
            {
                "name": "申请补领婚姻登记证声明书",
                "issuer": "当事人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "在婚姻登记员面前签名",
                "standard": "",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "近期半身免冠2寸照片",
                "issuer": "申请人",
                "originals": 3,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "双方申请的提交双人合影照片",
                "standard": "",
            },
            {
                "name": "婚姻登记档案信息",
                "issuer": "婚姻登记机关",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "民政",
        "name": "城镇最低生活保障申请",
        "basic_code": "0500002001",
        "variant": "NEW",
        "type": "05",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《社会救助暂行办法》（国务院令第649号）第九条、第十一条。\n"
            "2. 《最低生活保障审核确认办法》（民发〔2021〕57号）。"
        ),
        "conditions": (
            "1. 申请人具有本市城镇户籍，或符合在经常居住地申请的规定。\n"
            "2. 共同生活的家庭成员人均收入低于本市城镇最低生活保障标准。\n"
            "3. 家庭财产状况符合本市最低生活保障家庭财产状况规定。\n"
            "4. 申请人及家庭成员授权民政部门核对家庭经济状况。"
        ),
        "procedure": (
            "1. 申请：向户籍所在地街道办事处或政务服务中心民政窗口提交书面申请。\n"
            "2. 调查：通过入户调查、邻里访问、信息核对等方式核查家庭经济状况。\n"
            "3. 公示：在申请人所在社区公示调查结果。\n"
            "4. 审核确认：民政部门作出审核确认决定，符合条件的按月发放最低生活保障金；"
            "不符合条件的书面说明理由。"
        ),
        "statutory": (
            30,
            "WORKING_DAYS",
            "自受理之日起30个工作日内完成审核确认；特殊情况可延长至45个工作日",
        ),
        "promised": (25, "WORKING_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("入户调查", 7, None),
            ("家庭经济状况核对", 5, None),
            ("公示", 7, None),
            ("审核确认", 5, None),
        ],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "最低生活保障审核确认通知书",
        "faq": [
            (
                "不是本地户籍能申请低保吗？",
                (
                    "按规定，共同生活的家庭成员户籍不在同一地的，可在其中一个户籍所在地申请；"
                    "持有居住证的也可按规定在经常居住地申请。"
                ),
            ),
        ],
        "keywords": ["低保", "最低生活保障", "生活困难", "救助"],
        "themes": ["社会保障"],
        "materials": [
            {
                "name": "最低生活保障申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": [
                    "申请人姓名",
                    "公民身份号码",
                    "户籍地址",
                    "现居住地址",
                    "共同生活家庭成员人数",
                    "家庭月总收入（元）",
                    "申请理由",
                    "联系电话",
                ],
                "notes": "无书写能力的可口头申请，由受理人员代为记录",
                "standard": "家庭成员及收入情况填写完整",
            },
            {
                "name": "申请人及家庭成员居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "居民户口簿",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "家庭经济状况核对授权书",
                "issuer": "申请人及家庭成员",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "共同生活的家庭成员均须签字",
            },
            {
                "name": "家庭成员收入证明",
                "issuer": "工作单位或申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "DEFERRABLE",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "容缺受理：可在入户调查时补交，无固定收入的如实申报",
                "standard": "",
            },
            {
                "name": "残疾证、病历等特殊困难证明",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "家庭成员有重病、重残的提交",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "民政",
        "name": "老年人优待证办理",
        "basic_code": "9100003001",
        "variant": "NONE",
        "type": "91",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": "《中华人民共和国老年人权益保障法》第五章（社会优待）。",
        "conditions": (
            "1. 年满60周岁的本市户籍老年人，或持本市居住证的外埠老年人。\n2. 本人申请，或由家属代为申请。"
        ),
        "procedure": (
            "1. 申请：到社区、乡镇（街道）或政务服务中心民政窗口申请，也可通过“辽事通”App申请电子优待证。\n"
            "2. 核验：核验年龄和身份信息。\n"
            "3. 发证：当场制发老年人优待证。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "老年人优待证",
        "faq": [
            (
                "优待证能享受哪些优待？",
                (
                    "凭证可按规定享受公共交通、公园景区门票减免和医疗机构优先就诊等优待，"
                    "具体以本地公布的优待项目为准。"
                ),
            ),
        ],
        "keywords": ["老年证", "优待证", "老人乘车", "敬老卡"],
        "themes": ["退休养老"],
        "materials": [
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "近期免冠1寸照片",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "窗口可现场拍照",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 司法（市司法局）----------
    {
        "department": "司法",
        "name": "法律援助申请",
        "basic_code": "2000001001",
        "variant": "NONE",
        "type": "20",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": "《中华人民共和国法律援助法》第三十一条、第四十一条、第四十二条、第四十三条。",
        "conditions": (
            "1. 申请事项属于法律援助范围，如请求国家赔偿，请求给予社会保险待遇或者社会救助，"
            "请求发给抚恤金，请求给付赡养费、抚养费、扶养费，请求确认劳动关系或者支付劳动报酬，"
            "请求工伤事故、交通事故、食品药品安全事故、医疗事故人身损害赔偿等。\n"
            "2. 申请人因经济困难没有委托代理人（法律规定免予核查经济困难状况的除外）。\n"
            "3. 申请事项发生在本市或由本市有管辖权的机关、法院办理。"
        ),
        "procedure": (
            "1. 申请：到法律援助中心或公共法律服务中心窗口提出申请，也可通过“12348”热线或网上申请。\n"
            "2. 审查：审查申请事项和经济困难状况（可通过信息共享查询或由申请人进行个人诚信承诺）。\n"
            "3. 决定：作出给予或者不给予法律援助的决定；不给予的书面告知理由。\n"
            "4. 指派：决定给予的，指派律师、基层法律服务工作者或法律援助志愿者提供法律援助。"
        ),
        "statutory": (7, "NATURAL_DAYS", "自收到申请之日起7日内作出是否给予法律援助的决定"),
        "promised": (3, "NATURAL_DAYS", ""),
        "steps": [("受理", 0, None), ("审查", 1, None), ("决定", 1, None), ("指派", 1, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "给予法律援助决定书",
        "faq": [
            (
                "农民工讨薪需要证明经济困难吗？",
                (
                    "不需要。申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员，"
                    "免予核查经济困难状况（《中华人民共和国法律援助法》第四十二条）。"
                ),
            ),
        ],
        "keywords": ["法律援助", "免费律师", "讨薪", "打官司"],
        "themes": ["社会保障"],
        "materials": [
            {
                "name": "法律援助申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": [
                    "申请人姓名",
                    "公民身份号码",
                    "住址",
                    "联系电话",
                    "对方当事人",
                    "案由",
                    "案情及申请事项",
                    "经济困难状况",
                ],
                "notes": "无书写能力的可口头申请，由工作人员代为记录",
                "standard": "申请事项明确，申请人签字",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "经济困难状况说明表（个人诚信承诺书）",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "如实填写家庭成员和收入情况",
            },
            {
                "name": "与所申请法律援助事项有关的证据材料",
                "issuer": "申请人",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "如劳动合同、工资条、起诉状、判决书等",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 财政（市财政局）----------
    {
        "department": "财政",
        "name": "代理记账机构审批",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国会计法》。\n"
            "2. 《代理记账管理办法》（财政部令第80号，根据财政部令第98号修改）。"
        ),
        "conditions": (
            "1. 为依法设立的企业（会计师事务所及其分所除外）。\n"
            "2. 专职从业人员不少于3名。\n"
            "3. 主管代理记账业务的负责人具有会计师以上专业技术职务资格或者从事会计工作不少于三年，"
            "且为专职从业人员。\n"
            "4. 有健全的代理记账业务内部规范。"
        ),
        "procedure": (
            "1. 申请：通过全国代理记账机构管理系统在线提交申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：审查从业人员、负责人资格和内部规范。\n"
            "4. 决定：符合条件的颁发代理记账许可证书，并向社会公示。"
        ),
        "statutory": (10, "WORKING_DAYS", "自受理之日起10日内作出决定；经负责人批准可延长10日"),
        "promised": (5, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("审查", 3, None), ("决定", 1, None), ("制证", 1, None)],
        "service_objects": ["2"],
        "handling_forms": ["WEB", "WINDOW"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "代理记账许可证书",
        "faq": [
            (
                "会计师事务所需要申请吗？",
                "不需要。会计师事务所及其分所可以依法从事代理记账业务，无需另行申请。",
            ),
        ],
        "keywords": ["代理记账", "记账公司", "财务代理"],
        "themes": ["准营准办"],
        "materials": [
            {
                "name": "代理记账机构设立申请书",
                "issuer": "申请企业",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "在线填报并加盖电子印章",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "专职从业人员在本机构专职从业的书面承诺",
                "issuer": "从业人员",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "每人单独签署",
            },
            {
                "name": "主管代理记账业务负责人的会计专业技术职务资格证明或从业经历证明",
                "issuer": "申请人",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "代理记账业务内部规范",
                "issuer": "申请企业",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "含业务承接、档案管理、质量控制等内容",
            },
        ],
        "fees": [],
    },
    # ---- 人社（市人力资源和社会保障局）----------
    {
        "department": "人社",
        "name": "社会保障卡申领",
        "basic_code": "2000001001",
        "variant": "NEW",
        "type": "20",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": "《中华人民共和国社会保险法》第五十八条。",
        "conditions": (
            "1. 已参加社会保险，或需要通过社会保障卡享受人社、医保等公共服务的人员。\n"
            "2. 首次申领，或卡片遗失、损坏需要补领、换领。\n"
            "3. 选定合作银行开通社会保障卡金融功能。"
        ),
        "procedure": (
            "1. 申请：到人社窗口或即时制卡银行网点申请，也可通过“辽事通”App、电子社保卡申请邮寄。\n"
            "2. 采集：核验身份，现场采集照片。\n"
            "3. 制卡：即时制卡。\n"
            "4. 启用：当场领卡、设置密码并激活金融功能。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时制卡网点当场发卡"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "MOBILE", "MAIL"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "社会保障卡",
        "faq": [
            (
                "社保卡丢了怎么办？",
                "先通过服务电话、“辽事通”App或电子社保卡办理挂失，再到人社窗口或即时制卡银行网点补领。",
            ),
        ],
        "keywords": ["社保卡", "补社保卡", "换社保卡", "医保卡"],
        "themes": ["社会保障", "证件办理"],
        "materials": [
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "近期免冠照片",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "窗口现场免费采集",
                "standard": "",
            },
            {
                "name": "监护人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "未满16周岁的由监护人代办时提交",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "人社",
        "name": "就业创业证申领",
        "basic_code": "2000002001",
        "variant": "NEW",
        "type": "20",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国就业促进法》。\n2. 《就业服务与就业管理规定》（劳动和社会保障部令第28号）。"
        ),
        "conditions": (
            "1. 法定劳动年龄内、有劳动能力和就业要求的城乡劳动者。\n"
            "2. 需要办理就业或失业登记，或需要享受就业创业扶持政策。\n"
            "3. 在常住地（户籍地或居住地）公共就业服务机构申请。"
        ),
        "procedure": (
            "1. 申请：到人社窗口、乡镇（街道）劳动保障服务站申请，或在线申请电子《就业创业证》。\n"
            "2. 审核：核验身份和就业失业状态。\n"
            "3. 发证：当场发放《就业创业证》或生成电子证照。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "就业创业证",
        "faq": [
            (
                "就业创业证有什么用？",
                (
                    "是劳动者享受公共就业服务和就业创业扶持政策（如创业担保贷款、社会保险补贴等）的凭证，"
                    "全国统一编号，可申领电子证。"
                ),
            ),
        ],
        "keywords": ["就业创业证", "失业证", "失业登记", "创业补贴"],
        "themes": ["就业创业"],
        "materials": [
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "就业创业登记表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "可在线填报或窗口现场填写",
                "standard": "",
            },
            {
                "name": "学历证明",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "高校毕业生申领的提交，可在线核验",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "人社",
        "name": "城乡居民基本养老保险参保登记",
        "basic_code": "2000003001",
        "variant": "NEW",
        "type": "20",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国社会保险法》第二十条、第二十一条、第二十二条。\n"
            "2. 《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）。"
        ),
        "conditions": (
            "1. 年满16周岁（不含在校学生）。\n"
            "2. 非国家机关和事业单位工作人员，且未参加职工基本养老保险。\n"
            "3. 在本市户籍所在地参保。"
        ),
        "procedure": (
            "1. 申请：到人社窗口、乡镇（街道）或村（社区）服务站申请，也可通过“辽事通”App办理。\n"
            "2. 登记：核验身份和参保状态，选择缴费档次。\n"
            "3. 办结：当场完成参保登记，按年缴费。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "城乡居民基本养老保险参保登记信息",
        "faq": [
            ("缴费档次怎么选？", "可在本省规定的缴费档次中自主选择，多缴多得，政府按规定给予缴费补贴。"),
        ],
        "keywords": ["城乡居民养老", "农村养老保险", "居民养老", "参保"],
        "themes": ["社会保障", "退休养老"],
        "materials": [
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "居民户口簿",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "可通过户籍信息共享核验的无需提交",
                "standard": "",
            },
            {
                "name": "城乡居民基本养老保险参保登记表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "填写缴费档次和领取待遇银行账户",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "人社",
        "name": "失业保险金申领",
        "basic_code": "0500004001",
        "variant": "NONE",
        "type": "05",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国社会保险法》第四十五条、第四十六条、第五十条。\n"
            "2. 《失业保险条例》（国务院令第258号）。"
        ),
        "conditions": (
            "1. 失业前用人单位和本人已经缴纳失业保险费满一年。\n"
            "2. 非因本人意愿中断就业。\n"
            "3. 已经进行失业登记，并有求职要求。"
        ),
        "procedure": (
            "1. 申请：通过“辽事通”App、网上办事大厅或人社窗口申请，同步办理失业登记。\n"
            "2. 审核：核对参保缴费和劳动关系解除情况。\n"
            "3. 核定：核定失业保险金领取期限和标准。\n"
            "4. 发放：按月发放至本人社会保障卡银行账户。"
        ),
        "statutory": (10, "WORKING_DAYS", "自受理之日起10个工作日内核定"),
        "promised": (3, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("审核核定", 2, None), ("待遇发放", 1, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "失业保险待遇核定结果",
        "faq": [
            (
                "失业保险金能领多久？",
                (
                    "累计缴费满1年不足5年的，最长12个月；满5年不足10年的，最长18个月；10年以上的，"
                    "最长24个月（《中华人民共和国社会保险法》第四十六条）。"
                ),
            ),
        ],
        "keywords": ["失业金", "失业保险", "失业补助", "领失业金"],
        "themes": ["社会保障", "就业创业"],
        "materials": [
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "终止或者解除劳动关系的证明",
                "issuer": "原用人单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "加盖单位公章，载明解除原因",
            },
            {
                "name": "社会保障卡",
                "issuer": "人社部门",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "需已激活金融功能",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "人社",
        "name": "职工退休申请（基本养老金申领）",
        "basic_code": "0500005001",
        "variant": "NONE",
        "type": "05",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国社会保险法》第十六条。\n"
            "2. 《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》。"
        ),
        "conditions": (
            "1. 达到法定退休年龄（按照渐进式延迟法定退休年龄的规定确定），或按规定选择弹性提前、"
            "弹性延迟退休。\n"
            "2. 基本养老保险累计缴费满15年（自2030年1月1日起逐步提高至20年）。\n"
            "3. 已参加本市职工基本养老保险。"
        ),
        "procedure": (
            "1. 申请：用人单位或个人通过网上办事大厅、“辽事通”App或人社窗口申请。\n"
            "2. 退休审批：审核出生时间、参加工作时间和缴费年限。\n"
            "3. 待遇核定：核定基本养老金。\n"
            "4. 发放：自核准次月起按月发放至社会保障卡银行账户。"
        ),
        "statutory": (20, "WORKING_DAYS", "自受理之日起20个工作日"),
        "promised": (10, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("退休审批", 3, None), ("待遇核定", 5, None), ("待遇发放", 1, None)],
        "service_objects": ["1", "2"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "基本养老金核定表",
        "faq": [
            (
                "可以弹性提前退休吗？",
                (
                    "职工达到最低缴费年限的，可以自愿选择弹性提前退休，提前时间最长不超过3年，"
                    "且退休年龄不得低于原法定退休年龄。"
                ),
            ),
        ],
        "keywords": ["退休", "办退休", "养老金", "退休手续"],
        "themes": ["退休养老", "社会保障"],
        "materials": [
            {
                "name": "职工退休申请表",
                "issuer": "用人单位或个人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "在线填报，单位经办的加盖公章",
                "standard": "",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "职工人事档案",
                "issuer": "档案保管单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "用于核定出生时间和参加工作时间",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "人社",
        "name": "劳务派遣经营许可",
        "basic_code": "0100006001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国劳动合同法》第五十七条。\n"
            "2. 《劳务派遣行政许可实施办法》（人力资源社会保障部令第19号）。"
        ),
        "conditions": (
            "1. 注册资本不得少于人民币200万元。\n"
            "2. 有与开展业务相适应的固定的经营场所和设施。\n"
            "3. 有符合法律、行政法规规定的劳务派遣管理制度。\n"
            "4. 法律、行政法规规定的其他条件。"
        ),
        "procedure": (
            "1. 申请：向市人社局提交劳务派遣经营许可申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：审查申请材料，必要时对经营场所实地核查。\n"
            "4. 决定：符合条件的核发劳务派遣经营许可证，有效期3年。"
        ),
        "statutory": (20, "WORKING_DAYS", "自受理之日起20个工作日内作出决定；经负责人批准可延长10个工作日"),
        "promised": (10, "WORKING_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("审查", 5, None),
            ("实地核查", 2, None),
            ("决定", 1, None),
            ("制证", 1, None),
        ],
        "service_objects": ["2"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "劳务派遣经营许可证",
        "faq": [
            ("许可证到期怎么办？", "许可证有效期为3年，需要延续的应当在有效期届满60日前申请延续。"),
        ],
        "keywords": ["劳务派遣", "派遣许可", "人力资源公司"],
        "themes": ["人力资源", "准营准办"],
        "materials": [
            {
                "name": "劳务派遣经营许可申请书",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "加盖公章",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "公司章程",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "经营场所使用证明",
                "issuer": "产权人或出租方",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "劳务派遣管理制度",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "含劳动合同、劳动报酬、社会保险、工作时间、休息休假、劳动纪律等",
                "standard": "",
            },
            {
                "name": "法定代表人身份证明",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 自然资源（市自然资源局）----------
    {
        "department": "自然资源",
        "name": "建设工程规划许可证核发",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "JOINT",
        "co_departments": ["住建", "生态环境"],
        "legal_basis": (
            "1. 《中华人民共和国城乡规划法》第四十条。\n2. 《中华人民共和国行政许可法》第四十二条。"
        ),
        "conditions": (
            "1. 已取得建设用地使用权（不动产权证书或建设用地批准文件）。\n"
            "2. 建设工程设计方案符合控制性详细规划和规划条件。\n"
            "3. 申请人为项目的建设单位或者个人。"
        ),
        "procedure": (
            "1. 申请：通过辽宁省工程建设项目审批管理系统提交申请。\n"
            "2. 受理：综合受理（工程建设）窗口受理。\n"
            "3. 审查：审查建设工程设计方案，同时抄告住建、生态环境部门并联提出意见；依法进行批前公示。\n"
            "4. 决定：自然资源部门汇总意见，符合条件的核发建设工程规划许可证（电子证照）。"
        ),
        "statutory": (
            45,
            "WORKING_DAYS",
            "联合办理，自受理之日起45个工作日（《中华人民共和国行政许可法》第四十二条第二款），"
            "专家评审、批前公示时间不计入",
        ),
        "promised": (12, "WORKING_DAYS", "住建、生态环境部门并联提出意见，逾期视为同意"),
        "steps": [
            ("受理", 0, None),
            ("方案审查", 3, None),
            ("住建部门意见", 3, "住建"),
            ("生态环境部门意见", 3, "生态环境"),
            ("审批", 2, None),
            ("决定", 1, None),
            ("制证", 1, None),
        ],
        "service_objects": ["1", "2", "3", "6"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "建设工程规划许可证",
        "faq": [
            (
                "取得规划许可后设计方案还能改吗？",
                "确需变更的，应当向原审批部门提出申请；变更内容不符合控制性详细规划的，不得批准。",
            ),
        ],
        "keywords": ["规划许可证", "工程规划", "建设工程规划", "设计方案审查"],
        "themes": ["工程建设"],
        "materials": [
            {
                "name": "建设工程规划许可申请表",
                "issuer": "建设单位（个人）",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "建设单位（个人）",
                    "项目名称",
                    "建设位置",
                    "用地面积（平方米）",
                    "总建筑面积（平方米）",
                    "建筑层数",
                    "用地性质",
                    "联系电话",
                ],
                "notes": "",
                "standard": "内容完整，加盖公章或本人签字",
            },
            {
                "name": "不动产权证书或建设用地批准文件",
                "issuer": "自然资源部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "建设工程设计方案",
                "issuer": "设计单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "含总平面图及建筑单体平、立、剖面图，提交电子版（CAD格式）",
                "standard": "符合规划条件和技术规定",
            },
            {
                "name": "规划条件",
                "issuer": "自然资源部门",
                "originals": 0,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "GOVERNMENT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "授权委托书及受托人身份证件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "委托他人代为办理的提交，委托书须载明委托事项和权限",
                "standard": "委托人签字（盖章），受托人身份证件有效",
            },
        ],
        "fees": [],
    },
    {
        "department": "自然资源",
        "name": "乡村建设规划许可证核发",
        "basic_code": "0100002001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国城乡规划法》第四十一条。\n2. 《中华人民共和国土地管理法》第六十二条。"
        ),
        "conditions": (
            "1. 在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设，或农村村民使用宅基地建设住宅。"
            "\n"
            "2. 符合村庄规划（“多规合一”实用性村庄规划）。\n"
            "3. 不占用永久基本农田；确需占用农用地的，已依法办理农用地转用审批手续。\n"
            "4. 已经乡、镇人民政府审查同意。"
        ),
        "procedure": (
            "1. 申请：向乡、镇人民政府提出申请，经审查后报市自然资源局。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：审查建设位置、规模、层数等是否符合村庄规划，必要时实地踏勘。\n"
            "4. 决定：符合条件的核发乡村建设规划许可证。"
        ),
        "statutory": (20, "WORKING_DAYS", "自受理之日起20个工作日"),
        "promised": (10, "WORKING_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("审查", 4, None),
            ("实地踏勘", 3, None),
            ("决定", 1, None),
            ("制证", 1, None),
        ],
        "service_objects": ["1", "2", "6", "9"],
        "handling_forms": ["WINDOW"],
        "online": False,
        "appointment": True,
        "visits": 1,
        "result_name": "乡村建设规划许可证",
        "faq": [
            (
                "农民翻建自家房子要办这个证吗？",
                "在村庄规划区内使用宅基地新建、翻建住宅的，应当办理乡村建设规划许可证。",
            ),
        ],
        "keywords": ["农村建房", "盖房子", "宅基地", "乡村规划许可"],
        "themes": ["工程建设", "住房保障"],
        "materials": [
            {
                "name": "乡村建设规划许可申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "农村村民建房的填写家庭成员情况",
                "standard": "",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "乡、镇人民政府审查意见",
                "issuer": "乡、镇人民政府",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "GOVERNMENT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "宅基地批准文件或土地权属证明",
                "issuer": "乡、镇人民政府或自然资源部门",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "建设工程设计方案或农房通用图",
                "issuer": "设计单位或申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "农村村民住宅可选用农房设计通用图集",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 生态环境（市生态环境分局）----------
    {
        "department": "生态环境",
        "name": "建设项目环境影响报告表审批",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "REPORTED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国环境影响评价法》第十六条、第二十二条。\n"
            "2. 《建设项目环境保护管理条例》（国务院令第682号）。\n"
            "3. 《建设项目环境影响评价分类管理名录》。"
        ),
        "conditions": (
            "1. 建设项目依据《建设项目环境影响评价分类管理名录》应当编制环境影响报告表。\n"
            "2. 项目符合生态环境分区管控要求、产业政策和相关规划。\n"
            "3. 报告表内容符合环境影响评价技术导则要求。\n"
            "4. 污染物排放符合国家和地方排放标准及总量控制要求。"
        ),
        "procedure": (
            "1. 申请：建设单位通过生态环境政务服务平台在线提交报告表。\n"
            "2. 受理：市生态环境分局窗口受理，在网站公开受理信息。\n"
            "3. 技术评估：组织技术评估或专家审查。\n"
            "4. 上报审批：分局提出初审意见，报大连市生态环境局审批，拟批准前依法公示。\n"
            "5. 批复：作出审批决定并公告。"
        ),
        "statutory": (
            30,
            "NATURAL_DAYS",
            "收到环境影响报告表之日起30日内作出审批决定（技术评估时间不计入）",
        ),
        "promised": (15, "NATURAL_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("技术评估", 7, None),
            ("初审上报", 2, None),
            ("审批公示", 4, None),
            ("批复", 1, None),
        ],
        "service_objects": ["2", "3", "6"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "建设项目环境影响报告表批复",
        "faq": [
            (
                "环评批复后项目有重大变动怎么办？",
                (
                    "项目的性质、规模、地点、生产工艺或者防治污染措施发生重大变动的，"
                    "应当重新报批环境影响评价文件。"
                ),
            ),
        ],
        "keywords": ["环评", "环境影响评价", "报告表", "环评批复"],
        "themes": ["工程建设"],
        "materials": [
            {
                "name": "建设项目环境影响报告表审批申请",
                "issuer": "建设单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "加盖公章",
            },
            {
                "name": "建设项目环境影响报告表（全本）",
                "issuer": "建设单位或技术单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "删除涉及国家秘密、商业秘密内容的说明",
                "issuer": "建设单位",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 住建（市住房和城乡建设局）----------
    {
        "department": "住建",
        "name": "建筑工程施工许可证核发（限额以下）",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "JOINT",
        "co_departments": ["自然资源"],
        "legal_basis": (
            "1. 《中华人民共和国建筑法》第七条、第八条。\n"
            "2. 《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）。"
        ),
        "conditions": (
            "1. 已经办理该建筑工程用地批准手续。\n"
            "2. 依法应当办理建设工程规划许可证的，已经取得建设工程规划许可证。\n"
            "3. 需要征收房屋的，其进度符合施工要求。\n"
            "4. 已经确定施工企业。\n"
            "5. 有满足施工需要的资金安排、施工图纸及技术资料，"
            "施工图设计文件已按规定审查合格（或签署告知承诺）。\n"
            "6. 有保证工程质量和安全的具体措施。\n"
            "7. 适用于本市审批权限内、工程投资额30万元以上或者建筑面积300平方米以上的房屋建筑和市政基础设施"
            "工程。"
        ),
        "procedure": (
            "1. 申请：建设单位通过辽宁省工程建设项目审批管理系统在线申报。\n"
            "2. 受理：综合受理（工程建设）窗口受理，同步推送自然资源部门核验用地和建设工程规划许可信息。\n"
            "3. 审查：住建部门审查施工企业、施工图审查、质量安全措施等材料。\n"
            "4. 决定：符合条件的，核发建筑工程施工许可证（电子证照）。"
        ),
        "statutory": (7, "NATURAL_DAYS", "自收到申请之日起7日内（《中华人民共和国建筑法》第八条）"),
        "promised": (3, "NATURAL_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("用地及规划许可核验", 1, "自然资源"),
            ("审查", 1, None),
            ("决定发证", 1, None),
        ],
        "service_objects": ["2", "3", "6"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "建筑工程施工许可证",
        "faq": [
            (
                "哪些工程不需要办理施工许可证？",
                (
                    "工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程可以不申请办理施工许可证；"
                    "抢险救灾及其他临时性房屋建筑和农民自建低层住宅也不适用。"
                ),
            ),
        ],
        "keywords": ["施工许可证", "开工", "施工许可", "建筑工程"],
        "themes": ["工程建设"],
        "materials": [
            {
                "name": "建筑工程施工许可申请表",
                "issuer": "建设单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "建设单位",
                    "工程名称",
                    "建设地址",
                    "建设规模（平方米）",
                    "合同价格（万元）",
                    "施工单位",
                    "监理单位",
                    "合同工期",
                    "项目负责人",
                    "联系电话",
                ],
                "notes": "",
                "standard": "内容完整，加盖建设单位公章",
            },
            {
                "name": "用地批准手续（不动产权证书或建设用地批准文件）",
                "issuer": "自然资源部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "建设工程规划许可证",
                "issuer": "自然资源部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "施工合同及中标通知书",
                "issuer": "建设单位、施工单位",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "依法必须招标的提交中标通知书",
                "standard": "",
            },
            {
                "name": "施工图设计文件审查合格书（或告知承诺书）",
                "issuer": "施工图审查机构或建设单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "建设资金落实承诺书",
                "issuer": "建设单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "法定代表人签字并加盖公章",
            },
            {
                "name": "工程质量安全监督手续",
                "issuer": "建设单位",
                "originals": 1,
                "copies": 0,
                "necessity": "DEFERRABLE",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "容缺受理：可与施工许可并联办理，发证前补齐",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "住建",
        "name": "商品房预售资金监管协议备案",
        "basic_code": "1000002001",
        "variant": "NONE",
        "type": "10",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《城市商品房预售管理办法》第十一条。\n"
            "2. 《住房和城乡建设部 中国人民银行 中国银行保险监督管理委员会关于规范商品房预售资金监管的意见"
            "》（建房〔2022〕16号）。"
        ),
        "conditions": (
            "1. 房地产开发企业已取得建设工程规划许可证、施工许可证，拟申请商品房预售许可。\n"
            "2. 已在监管银行开立商品房预售资金监管专用账户。\n"
            "3. 开发企业、监管银行与监管机构签订三方监管协议，监管额度和拨付节点符合规定。"
        ),
        "procedure": (
            "1. 开户：开发企业在监管银行开立预售资金监管专用账户。\n"
            "2. 签约：开发企业、监管银行、监管机构签订《商品房预售资金监管协议》。\n"
            "3. 申请备案：开发企业持协议到住建窗口申请备案。\n"
            "4. 备案：审核通过的予以备案，监管账户在预售许可时向社会公示。"
        ),
        "statutory": (5, "WORKING_DAYS", "自受理之日起5个工作日"),
        "promised": (2, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("审核", 1, None), ("备案", 1, None)],
        "service_objects": ["2"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "商品房预售资金监管协议备案证明",
        "faq": [
            (
                "重点监管资金可以提前拨付吗？",
                (
                    "不可以。重点监管资金按工程进度节点拨付，达到协议约定节点后由开发企业申请，"
                    "经监管机构审核后拨付。"
                ),
            ),
        ],
        "keywords": ["预售资金", "资金监管", "监管协议", "商品房预售"],
        "themes": ["工程建设", "不动产"],
        "materials": [
            {
                "name": "商品房预售资金监管协议",
                "issuer": "开发企业、监管银行、监管机构",
                "originals": 3,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "三方签章齐全",
            },
            {
                "name": "预售资金监管账户开户证明",
                "issuer": "监管银行",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "预售资金监管额度测算表",
                "issuer": "开发企业",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "按项目建安工程造价测算重点监管额度",
                "standard": "",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "建设工程规划许可证、建筑工程施工许可证",
                "issuer": "自然资源部门、住建部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "住建",
        "name": "商品房预售许可",
        "basic_code": "0100003001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": "1. 《中华人民共和国城市房地产管理法》第四十五条。\n2. 《城市商品房预售管理办法》。",
        "conditions": (
            "1. 已交付全部土地使用权出让金，取得不动产权证书（土地使用权证书）。\n"
            "2. 持有建设工程规划许可证和施工许可证。\n"
            "3. 按提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的25%以上，"
            "并已经确定施工进度和竣工交付日期。\n"
            "4. 已签订商品房预售资金监管协议并备案。"
        ),
        "procedure": (
            "1. 申请：开发企业提交预售许可申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：审查申请材料并现场查勘工程形象进度。\n"
            "4. 决定发证：符合条件的核发商品房预售许可证，并向社会公示。"
        ),
        "statutory": (10, "WORKING_DAYS", "自受理之日起10日内作出决定"),
        "promised": (5, "WORKING_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("审查", 2, None),
            ("现场查勘", 1, None),
            ("决定", 1, None),
            ("制证", 1, None),
        ],
        "service_objects": ["2"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "商品房预售许可证",
        "faq": [
            (
                "没有取得预售许可可以收取定金吗？",
                (
                    "不可以。开发企业未取得商品房预售许可证的，不得以任何名义向买受人收取定金或预订款等性质"
                    "的费用。"
                ),
            ),
        ],
        "keywords": ["预售证", "预售许可", "楼盘", "期房"],
        "themes": ["不动产", "工程建设"],
        "materials": [
            {
                "name": "商品房预售许可申请表",
                "issuer": "开发企业",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "加盖公章",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "不动产权证书（土地使用权）",
                "issuer": "不动产登记机构",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "建设工程规划许可证、建筑工程施工许可证",
                "issuer": "自然资源部门、住建部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "工程施工合同及投资进度证明",
                "issuer": "开发企业、施工单位、监理单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "商品房预售方案",
                "issuer": "开发企业",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "载明预售楼栋、面积、套数、价格、交付日期等",
                "standard": "",
            },
            {
                "name": "商品房预售资金监管协议备案证明",
                "issuer": "住建部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "住建",
        "name": "公共租赁住房申请",
        "basic_code": "0500004001",
        "variant": "NEW",
        "type": "05",
        "case_kind": "JOINT",
        "co_departments": ["民政"],
        "legal_basis": (
            "1. 《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条。\n"
            "2. 《住房城乡建设部 财政部 国家发展改革委关于公共租赁住房和廉租住房并轨运行的通知》"
            "（建保〔2013〕178号）。"
        ),
        "conditions": (
            "1. 申请人具有完全民事行为能力，家庭成员至少1人具有本市户籍，"
            "或为在本市稳定就业的新就业无房职工、外来务工人员。\n"
            "2. 家庭在本市无住房或人均住房建筑面积低于规定标准。\n"
            "3. 家庭人均收入和财产符合本市公布的公共租赁住房保障标准。\n"
            "4. 未享受其他住房保障待遇。"
        ),
        "procedure": (
            "1. 申请：到社区或政务服务中心住房保障窗口提交申请。\n"
            "2. 审核：住建部门审核住房情况，民政部门开展家庭经济状况核对。\n"
            "3. 公示：审核通过的，在申请人所在社区和政府网站公示。\n"
            "4. 登记轮候：公示无异议的，登记为公共租赁住房轮候对象并书面通知；不符合条件的书面说明理由。"
        ),
        "statutory": (20, "WORKING_DAYS", "自受理之日起20个工作日内完成审核（公示时间另计）"),
        "promised": (15, "WORKING_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("住房情况审核", 3, None),
            ("家庭经济状况核对", 7, "民政"),
            ("公示", 5, None),
        ],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW"],
        "online": False,
        "appointment": True,
        "visits": 1,
        "result_name": "公共租赁住房轮候资格确认通知书",
        "faq": [
            (
                "外地户籍可以申请吗？",
                "在本市稳定就业并符合收入、住房条件的新就业无房职工和外来务工人员可以申请。",
            ),
        ],
        "keywords": ["公租房", "廉租房", "保障房", "租房补贴"],
        "themes": ["住房保障"],
        "materials": [
            {
                "name": "公共租赁住房申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "申请人及共同申请的家庭成员签字",
                "standard": "家庭成员、收入、住房情况填写完整",
            },
            {
                "name": "申请人及家庭成员居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "居民户口簿",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "外来务工人员提供居住证",
                "standard": "",
            },
            {
                "name": "婚姻状况信息",
                "issuer": "民政部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "家庭经济状况核对授权书",
                "issuer": "申请人及家庭成员",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "全体家庭成员签字",
            },
            {
                "name": "家庭成员收入证明",
                "issuer": "工作单位或申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "DEFERRABLE",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "容缺受理：可在公示前补交，无固定工作的可签署收入申报承诺",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "住建",
        "name": "水电气过户",
        "basic_code": "9100005001",
        "variant": "NONE",
        "type": "91",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《城市供水条例》（国务院令第158号）。\n"
            "2. 《城镇燃气管理条例》（国务院令第583号）。\n"
            "3. 《电力供应与使用条例》（国务院令第196号）。"
        ),
        "conditions": (
            "1. 已办理不动产转移登记，或持有房屋买卖合同等合法使用证明。\n"
            "2. 原户号无欠费，或买卖双方已协商结清欠费。"
        ),
        "procedure": (
            "1. 申请：在不动产登记窗口办理转移登记时同步申请水电气过户，或单独到公用事业窗口申请。\n"
            "2. 信息推送：窗口将不动产登记信息推送至供水、供电、燃气企业。\n"
            "3. 办结：各企业即时完成户名变更，并短信告知申请人。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1", "2"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "水、电、燃气户名变更回执",
        "faq": [
            (
                "办了房产过户还要去水电气公司吗？",
                "不需要。在不动产登记窗口办理转移登记时同步申请，信息自动推送各企业，无需另行跑腿。",
            ),
        ],
        "keywords": ["水电气过户", "更名", "户名变更", "自来水", "燃气"],
        "themes": ["公用事业"],
        "materials": [
            {
                "name": "不动产登记信息",
                "issuer": "不动产登记机构",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "水电气过户申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "填写供水、供电、燃气户号",
                "standard": "户号与房屋坐落一致",
            },
        ],
        "fees": [],
    },
    # ---- 交通（市交通运输局）----------
    {
        "department": "交通",
        "name": "道路运输经营许可（货运）",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国道路运输条例》第二十一条、第二十四条。\n2. 《道路货物运输及站场管理规定》。"
        ),
        "conditions": (
            "1. 有与其经营业务相适应并经检测合格的车辆。\n"
            "2. 有符合规定条件的驾驶人员（取得相应机动车驾驶证、年龄不超过60周岁、"
            "经考试合格取得从业资格证）。\n"
            "3. 有健全的安全生产管理制度。\n"
            "4. 已依法办理市场主体登记。\n"
            "5. 使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需申请本许可。"
        ),
        "procedure": (
            "1. 申请：通过辽宁省交通运输政务服务平台在线申请，或到交通窗口提交材料。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：审查车辆、驾驶人员和安全生产管理制度。\n"
            "4. 决定：符合条件的核发道路运输经营许可证，并为车辆配发道路运输证。"
        ),
        "statutory": (20, "WORKING_DAYS", "自受理申请之日起20日内审查完毕，作出许可或者不予许可的决定"),
        "promised": (5, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("审查", 3, None), ("决定", 1, None), ("制证", 1, None)],
        "service_objects": ["1", "2", "5"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "道路运输经营许可证",
        "faq": [
            (
                "小货车拉货需要办吗？",
                "使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需办理道路运输经营许可。",
            ),
        ],
        "keywords": ["货运许可", "拉货", "货车", "运输许可证", "物流"],
        "themes": ["交通运输", "准营准办"],
        "materials": [
            {
                "name": "道路货物运输经营申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "内容完整，签字盖章齐全",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "负责人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "驾驶人员的机动车驾驶证、从业资格证",
                "issuer": "公安机关、交通运输部门",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "安全生产管理制度文本",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "含安全生产责任制、安全生产业务操作规程、车辆动态监控等制度",
            },
            {
                "name": "拟投入车辆情况说明或承诺书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "已购置车辆的提交行驶证、车辆技术等级评定结论",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "交通",
        "name": "出租汽车驾驶员从业资格注册",
        "basic_code": "1000002001",
        "variant": "NEW",
        "type": "10",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《出租汽车驾驶员从业资格管理规定》（交通运输部令2011年第13号）。\n"
            "2. 《巡游出租汽车经营服务管理规定》。\n"
            "3. 《网络预约出租汽车经营服务管理暂行办法》。"
        ),
        "conditions": (
            "1. 已取得出租汽车驾驶员从业资格证（巡游出租汽车或网络预约出租汽车）。\n"
            "2. 与出租汽车经营者签订劳动合同或经营合同，或已在网约车平台注册。\n"
            "3. 无不予注册的违法违规情形。"
        ),
        "procedure": (
            "1. 申请：由出租汽车经营者或驾驶员本人通过交通窗口、网上平台申请。\n"
            "2. 核验：核验从业资格证和聘用（服务）关系。\n"
            "3. 注册：当场完成注册，注册信息同步至全国出租汽车驾驶员信息系统。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "出租汽车驾驶员从业资格注册信息",
        "faq": [
            ("换了出租车公司要重新注册吗？", "需要。驾驶员变更服务单位的，应当办理注销注册后重新注册。"),
        ],
        "keywords": ["出租车", "网约车", "从业资格证", "司机注册"],
        "themes": ["交通运输", "就业创业"],
        "materials": [
            {
                "name": "出租汽车驾驶员从业资格证",
                "issuer": "交通运输部门",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "劳动合同或经营合同",
                "issuer": "出租汽车经营者",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "网约车驾驶员提交平台出具的服务关系证明",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "交通",
        "name": "道路运输车辆年审",
        "basic_code": "9000003001",
        "variant": "NONE",
        "type": "90",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国道路运输条例》。\n"
            "2. 《道路运输车辆技术管理规定》。\n"
            "3. 《道路货物运输及站场管理规定》。"
        ),
        "conditions": (
            "1. 车辆已取得道路运输证，在年度审验期限内。\n"
            "2. 车辆已按规定进行综合性能检测和技术等级评定（已实行检验检测“三检合一”的，"
            "提交安全技术检验合格证明）。\n"
            "3. 车辆无未处理的道路运输违法行为。"
        ),
        "procedure": (
            "1. 申请：通过辽宁省道路运输电子政务平台在线提交，或到交通窗口办理。\n"
            "2. 核验：核验检测报告、技术等级和违法处理情况。\n"
            "3. 办结：审验合格的当场记录年审结果。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1", "2", "5"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "道路运输证年度审验记录",
        "faq": [
            (
                "4.5吨以下普通货车还需要年审吗？",
                "总质量4500千克及以下普通货运车辆不再配发道路运输证，无需办理道路运输证年审。",
            ),
        ],
        "keywords": ["年审", "营运车年审", "道路运输证", "货车年审"],
        "themes": ["年检年报", "交通运输"],
        "materials": [
            {
                "name": "道路运输证",
                "issuer": "交通运输部门",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "机动车安全技术检验及综合性能检测结果",
                "issuer": "检验检测机构",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "机动车行驶证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 水务（市水务局）----------
    {
        "department": "水务",
        "name": "取水许可",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国水法》第七条、第四十八条。\n"
            "2. 《取水许可和水资源费征收管理条例》（国务院令第460号）。\n"
            "3. 《取水许可管理办法》（水利部令第34号）。"
        ),
        "conditions": (
            "1. 直接从江河、湖泊或者地下取用水资源的单位和个人（法定免于申请的情形除外）。\n"
            "2. 取水符合水资源规划、用水总量控制指标和地下水管控要求。\n"
            "3. 已按规定开展建设项目水资源论证，编制水资源论证报告书或报告表。\n"
            "4. 退水符合水功能区管理要求。"
        ),
        "procedure": (
            "1. 申请：通过辽宁省水利政务服务平台或水务窗口提交取水申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：组织水资源论证报告技术审查，必要时现场勘查。\n"
            "4. 决定：作出批准或不批准的决定；取水工程建成试运行后核发取水许可证（电子证照）。"
        ),
        "statutory": (45, "WORKING_DAYS", "自受理之日起45个工作日内决定批准或者不批准"),
        "promised": (20, "WORKING_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("审查", 5, None),
            ("技术审查及现场勘查", 10, None),
            ("决定", 2, None),
            ("制证", 1, None),
        ],
        "service_objects": ["1", "2", "3", "6"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "取水许可证",
        "faq": [
            (
                "农村家里打井用水要办取水许可吗？",
                (
                    "不需要。家庭生活和零星散养、圈养畜禽饮用等少量取水的，"
                    "不需要申请取水许可（《取水许可和水资源费征收管理条例》第四条）。"
                ),
            ),
        ],
        "keywords": ["取水", "打井", "水井", "地下水", "取水证"],
        "themes": ["工程建设", "农林牧渔"],
        "materials": [
            {
                "name": "取水申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "申请人",
                    "统一社会信用代码（身份证件号码）",
                    "取水地点",
                    "取水水源类型",
                    "取水用途",
                    "年取水量（万立方米）",
                    "退水地点及方式",
                    "联系电话",
                ],
                "notes": "",
                "standard": "内容完整，签字盖章齐全",
            },
            {
                "name": "建设项目水资源论证报告书（表）",
                "issuer": "申请人或技术单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "与第三者利害关系的相关说明",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "取水涉及第三者利益的提交",
                "standard": "",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "水务",
        "name": "生产建设项目水土保持方案审批",
        "basic_code": "0100002001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国水土保持法》第二十五条、第二十六条。\n"
            "2. 《水利部关于进一步深化“放管服”改革全面加强水土保持监管的意见》（水保〔2019〕160号）。"
        ),
        "conditions": (
            "1. 在山区、丘陵区、风沙区以及水土保持规划确定的容易发生水土流失的其他区域开办可能造成水土流失"
            "的生产建设项目。\n"
            "2. 征占地面积在5公顷以上或者挖填土石方总量在5万立方米以上的，编制水土保持方案报告书；"
            "征占地面积在0.5公顷以上5公顷以下或者挖填土石方总量在1千立方米以上5万立方米以下的，"
            "编制水土保持方案报告表。\n"
            "3. 方案符合水土保持法律法规和技术标准。"
        ),
        "procedure": (
            "1. 申请：生产建设单位在开工建设前提交审批申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理；报告表实行承诺制管理。\n"
            "3. 技术评审：组织对水土保持方案报告书进行技术评审。\n"
            "4. 决定：作出审批决定并印发批复文件。"
        ),
        "statutory": (20, "WORKING_DAYS", "自受理之日起20个工作日（技术评审时间不计入）"),
        "promised": (10, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("技术评审", 6, None), ("审查决定", 2, None), ("印发批复", 1, None)],
        "service_objects": ["2", "3", "6"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "水土保持方案批复文件",
        "faq": [
            (
                "征占地不足0.5公顷的项目要编方案吗？",
                (
                    "征占地面积不足0.5公顷且挖填土石方总量不足1千立方米的项目，不需要编制水土保持方案，"
                    "但应当按照水土保持有关技术标准做好水土流失防治工作。"
                ),
            ),
        ],
        "keywords": ["水土保持", "水保方案", "水保批复"],
        "themes": ["工程建设"],
        "materials": [
            {
                "name": "水土保持方案审批申请文件",
                "issuer": "生产建设单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "加盖公章",
            },
            {
                "name": "生产建设项目水土保持方案报告书（表）",
                "issuer": "生产建设单位或技术单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "水土保持方案技术评审意见",
                "issuer": "技术评审机构",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "报告表实行承诺制管理的无需提交",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 农业农村（市农业农村局）----------
    {
        "department": "农业农村",
        "name": "农药经营许可",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《农药管理条例》（国务院令第677号）第二十四条、第二十五条。\n"
            "2. 《农药经营许可管理办法》（农业部令2017年第5号）。"
        ),
        "conditions": (
            "1. 有具备农药和病虫害防治专业知识，熟悉农药管理规定，能够指导安全合理使用农药的经营人员。\n"
            "2. 有与其他商品以及饮用水水源、生活区域等有效隔离的营业场所和仓储场所，"
            "并配备与所申请经营农药相适应的防护设施。\n"
            "3. 有与所申请经营农药相适应的质量管理、台账记录、安全防护、应急处置、"
            "仓储管理等制度和岗位操作规程。\n"
            "4. 本事项适用于经营限制使用农药以外的农药。"
        ),
        "procedure": (
            "1. 申请：通过农药经营许可信息系统在线申请，或到农业农村窗口提交材料。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：审查申请材料，对营业场所和仓储场所进行实地核查。\n"
            "4. 决定：符合条件的核发农药经营许可证，有效期5年。"
        ),
        "statutory": (20, "WORKING_DAYS", "自受理申请之日起20日内作出审批决定"),
        "promised": (10, "WORKING_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("审查", 3, None),
            ("实地核查", 4, None),
            ("决定", 1, None),
            ("制证", 1, None),
        ],
        "service_objects": ["1", "2", "5"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "农药经营许可证",
        "faq": [
            ("卖卫生杀虫剂需要办农药经营许可吗？", "不需要。经营卫生用农药的，不需要取得农药经营许可证。"),
        ],
        "keywords": ["农药", "农资", "卖农药", "农资店"],
        "themes": ["农林牧渔", "准营准办"],
        "materials": [
            {
                "name": "农药经营许可申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "申请单位名称",
                    "统一社会信用代码",
                    "法定代表人（负责人）",
                    "营业场所地址",
                    "仓储场所地址",
                    "经营人员姓名及专业",
                    "申请经营范围",
                    "联系电话",
                ],
                "notes": "",
                "standard": "内容完整，签字盖章齐全",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "经营人员的学历或者培训证明",
                "issuer": "申请人",
                "originals": 1,
                "copies": 1,
                "necessity": "DEFERRABLE",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "容缺受理：可在实地核查时补交",
                "standard": "",
            },
            {
                "name": "营业场所和仓储场所地址、面积、平面图等说明材料",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "与实际场所一致",
            },
            {
                "name": "质量管理、台账记录、安全防护、应急处置、仓储管理等制度和岗位操作规程",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 商务（市商务局）----------
    {
        "department": "商务",
        "name": "再生资源回收经营者备案",
        "basic_code": "1000001001",
        "variant": "NONE",
        "type": "10",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": "《再生资源回收管理办法》（商务部等六部门令2007年第8号）。",
        "conditions": (
            "1. 已依法取得营业执照、经营范围包含再生资源回收的企业或个体工商户。\n"
            "2. 自取得营业执照之日起30日内办理备案。\n"
            "3. 有符合环境保护、消防安全要求的回收场所。"
        ),
        "procedure": (
            "1. 申请：到商务窗口或在线提交备案材料。\n"
            "2. 核验：核对营业执照和经营场所信息。\n"
            "3. 备案：材料齐全的当场予以备案。"
        ),
        "statutory": (0, "WORKING_DAYS", "材料齐全的当场备案"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1", "2", "5"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "再生资源回收经营者备案登记证明",
        "faq": [
            ("回收生产性废旧金属还要办什么？", "回收生产性废旧金属的，还应当按规定向所在地公安机关备案。"),
        ],
        "keywords": ["废品回收", "再生资源", "收废品", "回收站"],
        "themes": ["准营准办"],
        "materials": [
            {
                "name": "再生资源回收经营者备案登记表",
                "issuer": "经营者",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "加盖公章或经营者签字",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "经营场所使用证明",
                "issuer": "产权人或出租方",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 文旅（市文化旅游和广播电视局）----------
    {
        "department": "文旅",
        "name": "娱乐场所经营许可",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "JOINT",
        "co_departments": ["公安"],
        "legal_basis": (
            "1. 《娱乐场所管理条例》（国务院令第458号）第五条、第七条、第九条、第十一条。\n"
            "2. 《娱乐场所管理办法》（文化部令第55号）。"
        ),
        "conditions": (
            "1. 已取得营业执照。\n"
            "2. 投资人员、拟任法定代表人和其他负责人没有《娱乐场所管理条例》第五条规定的禁止情形。\n"
            "3. 场所不设在居民楼、博物馆、图书馆和被核定为文物保护单位的建筑物内，不设在居民住宅区和学校、"
            "医院、机关周围，不设在车站、机场等人群密集的场所、"
            "建筑物地下一层以下以及与危险化学品仓库毗连的区域。\n"
            "4. 歌舞娱乐场所的包厢、包间内不得设置隔断，并安装展现室内整体环境的透明门窗。\n"
            "5. 设施设备、消防安全符合国家标准。"
        ),
        "procedure": (
            "1. 申请：向市文化旅游和广播电视局提交申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 实地检查：对场所进行实地检查，歌舞娱乐场所进行声音、照明等设备检测。\n"
            "4. 决定发证：符合条件的核发娱乐经营许可证。\n"
            "5. 公安备案：许可信息同步推送公安部门，场所在取得许可证和营业执照后15日内完成备案。"
        ),
        "statutory": (20, "WORKING_DAYS", "自受理之日起20日内作出决定（《娱乐场所管理条例》第九条）"),
        "promised": (10, "WORKING_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("审查", 2, None),
            ("实地检查", 4, None),
            ("决定", 1, None),
            ("制证", 1, None),
            ("公安备案", 1, "公安"),
        ],
        "service_objects": ["2", "5"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "娱乐经营许可证",
        "faq": [
            (
                "拿到许可证后还要去公安备案吗？",
                "需要备案，但不必另跑。许可信息由窗口同步推送公安部门，按要求补充备案信息即可。",
            ),
        ],
        "keywords": ["KTV", "歌厅", "娱乐场所", "游艺厅", "电玩城"],
        "themes": ["准营准办"],
        "materials": [
            {
                "name": "娱乐场所经营申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "申请单位名称",
                    "统一社会信用代码",
                    "法定代表人",
                    "场所地址",
                    "场所类型（歌舞/游艺）",
                    "营业面积（平方米）",
                    "包厢（包间）数量",
                    "联系电话",
                ],
                "notes": "",
                "standard": "内容完整，签字盖章齐全",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": (
                    "投资人员、法定代表人和其他负责人的身份证明及无《娱乐场所管理条例》第五条情形的书面声明"
                ),
                "issuer": "申请人",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "声明由本人签字",
            },
            {
                "name": "房屋产权证明或租赁合同",
                "issuer": "产权人或出租方",
                "originals": 1,
                "copies": 1,
                "necessity": "DEFERRABLE",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "容缺受理：可在实地检查时补交",
                "standard": "",
            },
            {
                "name": "场所平面示意图",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "标明包厢（包间）、通道、安全出口位置和面积",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 卫健（市卫生健康局）----------
    {
        "department": "卫健",
        "name": "生育登记",
        "basic_code": "2000001001",
        "variant": "NONE",
        "type": "20",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": "1. 《中华人民共和国人口与计划生育法》。\n2. 《辽宁省人口与计划生育条例》。",
        "conditions": "1. 夫妻生育子女均可登记，不设前置审批条件。\n2. 夫妻一方户籍地或现居住地在本市。",
        "procedure": (
            "1. 申请：通过“辽事通”App、网上办事大厅或卫健窗口、乡镇（街道）申请。\n"
            "2. 登记：核验夫妻双方身份信息，当场完成登记。\n"
            "3. 服务：登记信息推送至妇幼保健机构，提供孕产期保健服务。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "生育登记服务单",
        "faq": [
            (
                "生育登记是审批吗？",
                "不是。生育登记用于提供孕产期保健、生育待遇等服务，不作为生育的前置条件。",
            ),
        ],
        "keywords": ["生育登记", "准生证", "生育服务证", "怀孕登记"],
        "themes": ["生育收养"],
        "materials": [
            {
                "name": "夫妻双方居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "生育登记表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "可在线填报，填写现有子女数、预产期等信息",
                "standard": "",
            },
            {
                "name": "结婚证",
                "issuer": "婚姻登记机关",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "可通过婚姻登记信息共享核验的无需提交",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "卫健",
        "name": "医师执业注册",
        "basic_code": "0100002001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国医师法》第十三条、第十四条、第十六条。\n"
            "2. 《医师执业注册管理办法》（国家卫生和计划生育委员会令第13号）。"
        ),
        "conditions": (
            "1. 已取得医师资格证书。\n"
            "2. 拟执业机构为依法设立的医疗卫生机构，且执业类别、执业范围与该机构诊疗科目相符。\n"
            "3. 不具有《中华人民共和国医师法》第十六条规定的不予注册情形。"
        ),
        "procedure": (
            "1. 申请：通过国家医师电子化注册系统在线申请，或由执业机构集体办理。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：审核医师资格、健康状况和拟执业机构情况。\n"
            "4. 决定：准予注册的，将注册信息录入国家信息平台，发放医师执业证书。"
        ),
        "statutory": (
            20,
            "WORKING_DAYS",
            "自受理申请之日起20个工作日内准予注册（《中华人民共和国医师法》第十三条）",
        ),
        "promised": (5, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("审查", 2, None), ("决定", 1, None), ("制证", 1, None)],
        "service_objects": ["1", "3"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "医师执业证书",
        "faq": [
            (
                "到其他医院执业需要重新注册吗？",
                (
                    "在同一执业地点内的其他医疗机构执业的，由主要执业机构以外的机构进行备案即可，"
                    "无需重新注册。"
                ),
            ),
        ],
        "keywords": ["医师注册", "执业证书", "医生执业", "多点执业"],
        "themes": ["医疗卫生"],
        "materials": [
            {
                "name": "医师执业注册申请审核表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "姓名",
                    "性别",
                    "公民身份号码",
                    "医师资格证书编码",
                    "执业类别",
                    "执业范围",
                    "拟执业机构",
                    "联系电话",
                ],
                "notes": "由拟执业机构签署意见并加盖公章",
                "standard": "执业类别、范围与医师资格一致",
            },
            {
                "name": "医师资格证书",
                "issuer": "卫生健康部门",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "近6个月内的健康体检证明",
                "issuer": "县级以上医疗机构",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "拟执业机构的聘用证明",
                "issuer": "拟执业机构",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "卫健",
        "name": "公共场所卫生许可",
        "basic_code": "0100003001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《公共场所卫生管理条例》第八条。\n2. 《公共场所卫生管理条例实施细则》（卫生部令第80号）。"
        ),
        "conditions": (
            "1. 经营场所为宾馆、旅店、招待所、公共浴室、游泳场（馆）等依法需要取得卫生许可的公共场所。\n"
            "2. 场所选址、设计、卫生设施和布局符合卫生标准和要求。\n"
            "3. 从业人员取得有效健康合格证明。\n"
            "4. 建立卫生管理制度，配备专（兼）职卫生管理人员。\n"
            "5. 已取得营业执照。"
        ),
        "procedure": (
            "1. 申请：到卫健窗口或在线提交申请，可选择告知承诺方式办理。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 现场审查：卫生监督机构进行现场审查。\n"
            "4. 决定发证：符合条件的核发公共场所卫生许可证，有效期4年。"
        ),
        "statutory": (
            20,
            "WORKING_DAYS",
            "自受理之日起20个工作日（《中华人民共和国行政许可法》第四十二条）",
        ),
        "promised": (5, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("现场审查", 2, None), ("决定", 1, None), ("制证", 1, None)],
        "service_objects": ["1", "2", "5"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "公共场所卫生许可证",
        "faq": [
            (
                "开饭店需要办公共场所卫生许可吗？",
                (
                    "不需要。饭馆、咖啡馆、酒吧、茶座的公共场所卫生许可已经取消，"
                    "餐饮服务办理食品经营许可即可。"
                ),
            ),
        ],
        "keywords": ["卫生许可证", "宾馆", "浴池", "游泳馆", "美容"],
        "themes": ["准营准办"],
        "materials": [
            {
                "name": "公共场所卫生许可申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "单位名称",
                    "统一社会信用代码",
                    "法定代表人（负责人）",
                    "经营地址",
                    "经营项目",
                    "营业面积（平方米）",
                    "从业人员数",
                    "卫生管理人员",
                    "联系电话",
                ],
                "notes": "",
                "standard": "内容完整，签字盖章齐全",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "法定代表人（负责人）居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "经营场所平面图和卫生设施布局图",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "标明功能分区和卫生设施位置",
            },
            {
                "name": "卫生检测（评价）报告",
                "issuer": "检测机构",
                "originals": 1,
                "copies": 0,
                "necessity": "DEFERRABLE",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "容缺受理：可在作出许可决定前补交",
                "standard": "",
            },
            {
                "name": "从业人员健康合格证明",
                "issuer": "医疗卫生机构",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 应急（市应急管理局）----------
    {
        "department": "应急",
        "name": "危险化学品经营许可（不带储存设施）",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《危险化学品安全管理条例》（国务院令第591号）第三十三条、第三十四条、第三十五条。\n"
            "2. 《危险化学品经营许可证管理办法》（国家安全生产监督管理总局令第55号）。"
        ),
        "conditions": (
            "1. 有符合国家标准、行业标准的经营场所。\n"
            "2. 从业人员经过专业技术培训并经考核合格。\n"
            "3. 有健全的安全管理规章制度，有专职安全管理人员。\n"
            "4. 有符合国家规定的危险化学品事故应急预案和必要的应急救援器材、设备。\n"
            "5. 本事项适用于不带储存设施经营剧毒化学品、易制爆危险化学品以外的危险化学品；"
            "带储存设施或经营剧毒化学品、易制爆危险化学品的，向设区的市级应急管理部门申请。"
        ),
        "procedure": (
            "1. 申请：通过辽宁省危险化学品经营许可系统在线申请或到应急窗口提交材料。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：审查申请材料，对经营场所进行现场核查。\n"
            "4. 决定：符合条件的核发危险化学品经营许可证，有效期3年。"
        ),
        "statutory": (30, "NATURAL_DAYS", "自收到证明材料之日起30日内作出批准或者不予批准的决定"),
        "promised": (15, "NATURAL_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("材料审查", 3, None),
            ("现场核查", 5, None),
            ("决定", 1, None),
            ("制证", 1, None),
        ],
        "service_objects": ["2", "5"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "危险化学品经营许可证",
        "faq": [
            (
                "加油站也在这里办吗？",
                "加油站属于带储存设施经营，应当向大连市应急管理局申请危险化学品经营许可。",
            ),
        ],
        "keywords": ["危化品", "危险化学品", "化工经营", "油漆"],
        "themes": ["准营准办"],
        "materials": [
            {
                "name": "危险化学品经营许可证申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "企业名称",
                    "统一社会信用代码",
                    "经营方式",
                    "经营场所地址",
                    "主要负责人",
                    "安全管理人员",
                    "经营品种范围",
                    "联系电话",
                ],
                "notes": "",
                "standard": "内容完整，加盖公章",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "主要负责人、安全管理人员安全生产知识和管理能力考核合格证明",
                "issuer": "应急管理部门",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "安全生产规章制度和岗位操作规程目录清单",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "涵盖全员安全生产责任制等内容",
            },
            {
                "name": "危险化学品事故应急预案",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "符合国家有关规定",
            },
            {
                "name": "经营场所产权证明或租赁证明",
                "issuer": "产权人或出租方",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 市场监管（市市场监督管理局）----------
    {
        "department": "市场监管",
        "name": "个体工商户设立登记",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《促进个体工商户发展条例》（国务院令第755号）第二条。\n"
            "2. 《中华人民共和国市场主体登记管理条例》（国务院令第746号）第三条、第十九条。\n"
            "3. 《中华人民共和国市场主体登记管理条例实施细则》（国家市场监督管理总局令第52号）。"
        ),
        "conditions": (
            "1. 申请人为有经营能力的自然人；家庭经营的，参加经营的家庭成员姓名应当一并登记。\n"
            "2. 有固定的经营场所，经营场所符合法律法规和管理规约的规定。\n"
            "3. 经营范围不属于法律、行政法规禁止个体工商户经营的项目；经营范围涉及前置许可的，"
            "已取得相关许可。\n"
            "4. 使用名称的，名称符合个体工商户名称登记有关规定（个体工商户也可以不使用名称）。\n"
            "5. 申请材料齐全、符合法定形式。"
        ),
        "procedure": (
            "1. 申请：通过辽宁省企业开办“一网通办”平台、“辽事通”App在线申请，或到市场监管窗口提交纸质材料。"
            "\n"
            "2. 受理审查：登记机关对申请材料进行形式审查。\n"
            "3. 登记：材料齐全、符合法定形式的，当场予以登记。\n"
            "4. 发照：当场核发营业执照，同步生成电子营业执照；网上申请的可选择免费邮寄。"
        ),
        "statutory": (
            3,
            "WORKING_DAYS",
            "材料齐全、符合法定形式的当场登记；不能当场登记的，3个工作日内予以登记",
        ),
        "promised": (0, "WORKING_DAYS", "材料齐全、符合法定形式的当场办结"),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE", "MAIL"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "营业执照",
        "faq": [
            (
                "个体工商户必须起字号名称吗？",
                "不是必须。个体工商户可以使用名称，也可以不使用名称；使用名称的，一户只能使用一个名称。",
            ),
            (
                "用自己的住宅开店可以登记吗？",
                (
                    "将住宅改变为经营性用房的，除遵守法律、法规以及管理规约外，"
                    "应当经有利害关系的业主一致同意（《中华人民共和国民法典》第二百七十九条）。"
                ),
            ),
        ],
        "keywords": ["个体户", "营业执照", "开店", "办执照", "个体工商户"],
        "themes": ["企业开办"],
        "materials": [
            {
                "name": "个体工商户登记（备案）申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "经营者姓名",
                    "身份证件号码",
                    "个体工商户名称",
                    "组成形式（个人经营/家庭经营）",
                    "经营场所",
                    "经营范围",
                    "资金数额（万元）",
                    "从业人数",
                    "联系电话",
                ],
                "notes": "用黑色签字笔填写或在线填报；家庭经营的，参加经营的家庭成员均须签字",
                "standard": "内容填写完整，签字与身份证件一致",
            },
            {
                "name": "经营者居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "经营场所使用证明（或住所申报承诺书）",
                "issuer": "产权人或出租方",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": (
                    "自有房屋提供不动产权证书复印件；租赁房屋提供租赁合同；实行住所申报承诺制的可签署承诺书"
                ),
                "standard": "场所地址与申请书填写一致",
            },
            {
                "name": "前置许可文件",
                "issuer": "相关审批部门",
                "originals": 1,
                "copies": 1,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "经营范围涉及前置许可的提交",
                "standard": "",
            },
            {
                "name": "授权委托书及受托人身份证件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "委托他人代为办理的提交，委托书须载明委托事项和权限",
                "standard": "委托人签字（盖章），受托人身份证件有效",
            },
        ],
        "fees": [],
    },
    {
        "department": "市场监管",
        "name": "个体工商户变更登记",
        "basic_code": "0100001002",
        "variant": "CHANGE",
        "type": "01",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《促进个体工商户发展条例》（国务院令第755号）。\n"
            "2. 《中华人民共和国市场主体登记管理条例》（国务院令第746号）第二十四条。\n"
            "3. 《中华人民共和国市场主体登记管理条例实施细则》（国家市场监督管理总局令第52号）。"
        ),
        "conditions": (
            "1. 已依法登记的个体工商户，名称、经营者、组成形式、经营范围、经营场所等登记事项发生变化。\n"
            "2. 自作出变更决定或者法定变更事项发生之日起30日内申请变更登记。\n"
            "3. 变更后的经营范围涉及许可项目的，已取得相关许可。\n"
            "4. 申请材料齐全、符合法定形式。"
        ),
        "procedure": (
            "1. 申请：在线提交或到市场监管窗口提交变更登记申请。\n"
            "2. 受理审查：对申请材料进行形式审查。\n"
            "3. 登记：材料齐全、符合法定形式的，当场予以变更登记。\n"
            "4. 换照：涉及营业执照记载事项的，当场换发营业执照。"
        ),
        "statutory": (
            3,
            "WORKING_DAYS",
            "材料齐全、符合法定形式的当场登记；不能当场登记的，3个工作日内予以登记",
        ),
        "promised": (0, "WORKING_DAYS", "材料齐全、符合法定形式的当场办结"),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "营业执照（变更后）",
        "faq": [
            (
                "个体工商户转给别人经营，还要先注销再重新办吗？",
                (
                    "不需要。个体工商户变更经营者的，可以直接申请办理变更登记，原有的字号、"
                    "信用记录等可以延续。"
                ),
            ),
        ],
        "keywords": ["个体户变更", "换执照", "变更经营范围", "变更经营者", "改地址"],
        "themes": ["企业开办"],
        "materials": [
            {
                "name": "个体工商户变更登记申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "个体工商户名称",
                    "统一社会信用代码",
                    "经营者姓名",
                    "变更事项",
                    "变更前内容",
                    "变更后内容",
                    "联系电话",
                ],
                "notes": "经营者本人签字；变更经营者的，变更前后的经营者均须签字",
                "standard": "内容填写完整，签字与身份证件一致",
            },
            {
                "name": "营业执照正本、副本",
                "issuer": "市场监管部门",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "需换发营业执照的交回原执照",
                "standard": "",
            },
            {
                "name": "经营者居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "新经营场所使用证明",
                "issuer": "产权人或出租方",
                "originals": 1,
                "copies": 1,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "变更经营场所的提交",
                "standard": "",
            },
            {
                "name": "授权委托书及受托人身份证件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "委托他人代为办理的提交，委托书须载明委托事项和权限",
                "standard": "委托人签字（盖章），受托人身份证件有效",
            },
        ],
        "fees": [],
    },
    {
        "department": "市场监管",
        "name": "营业执照遗失补领",
        "basic_code": "1000003001",
        "variant": "NONE",
        "type": "10",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国市场主体登记管理条例》（国务院令第746号）第三十七条。\n"
            "2. 《中华人民共和国市场主体登记管理条例实施细则》（国家市场监督管理总局令第52号）。"
        ),
        "conditions": (
            "1. 营业执照正本或副本遗失、毁坏。\n"
            "2. 已通过国家企业信用信息公示系统发布营业执照作废声明。\n"
            "3. 申请人为市场主体本身或其委托的代理人。"
        ),
        "procedure": (
            "1. 声明作废：通过国家企业信用信息公示系统声明原营业执照作废。\n"
            "2. 申请：到市场监管窗口或在线提交补领申请。\n"
            "3. 核验：窗口核验作废声明和申请人身份。\n"
            "4. 补发：当场补发营业执照。"
        ),
        "statutory": (0, "WORKING_DAYS", "当场补发"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1", "2", "5"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "营业执照（补领）",
        "faq": [
            ("还需要登报声明吗？", "不需要。通过国家企业信用信息公示系统免费发布作废声明即可。"),
            ("只丢了副本可以只补副本吗？", "可以，按实际遗失的正本或副本申请补领。"),
        ],
        "keywords": ["营业执照丢了", "补照", "执照遗失", "补办营业执照"],
        "themes": ["企业开办"],
        "materials": [
            {
                "name": "营业执照补领申请书",
                "issuer": "市场主体",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "由法定代表人（负责人、经营者）签字或加盖公章",
                "standard": "签字（盖章）齐全",
            },
            {
                "name": "营业执照作废声明",
                "issuer": "国家企业信用信息公示系统",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "窗口在线核验，无需打印",
                "standard": "",
            },
            {
                "name": "毁坏的营业执照",
                "issuer": "市场监管部门",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "因毁坏申请补领的交回",
                "standard": "",
            },
            {
                "name": "授权委托书及受托人身份证件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "委托他人代为办理的提交，委托书须载明委托事项和权限",
                "standard": "委托人签字（盖章），受托人身份证件有效",
            },
        ],
        "fees": [],
    },
    {
        "department": "市场监管",
        "name": "食品经营许可（新办）",
        "basic_code": "0100002001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国食品安全法》第三十五条。\n"
            "2. 《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）。"
        ),
        "conditions": (
            "1. 具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，"
            "保持场所环境整洁，并与有毒、有害场所以及其他污染源保持规定的距离。\n"
            "2. 具有与经营的食品品种、数量相适应的经营设备或者设施。\n"
            "3. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度。\n"
            "4. 具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染。\n"
            "5. 已取得营业执照等合法主体资格证明。\n"
            "6. 仅销售预包装食品的，办理备案即可，无需申请许可。"
        ),
        "procedure": (
            "1. 申请：通过辽宁省食品经营许可系统在线申请，或到食品药品许可窗口提交材料。\n"
            "2. 受理：材料齐全、符合法定形式的，出具受理通知书。\n"
            "3. 审查：对申请材料进行审查；需要现场核查的，组织核查人员进行现场核查。\n"
            "4. 决定：作出准予或者不予许可的决定。\n"
            "5. 发证：准予许可的，核发食品经营许可证，同步生成电子证书。"
        ),
        "statutory": (
            10,
            "WORKING_DAYS",
            "自受理之日起10个工作日内作出决定；因特殊原因经负责人批准可延长5个工作日",
        ),
        "promised": (5, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("审查及现场核查", 3, None), ("决定", 1, None), ("制证", 1, None)],
        "service_objects": ["1", "2", "5"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "食品经营许可证",
        "faq": [
            (
                "只卖预包装食品需要办许可吗？",
                "不需要。仅销售预包装食品的，向所在地县级市场监管部门办理备案即可。",
            ),
            ("许可证有效期多长？", "食品经营许可证有效期为5年。"),
        ],
        "keywords": ["食品", "餐饮", "饭店", "小吃", "食品许可证"],
        "themes": ["准营准办"],
        "materials": [
            {
                "name": "食品经营许可申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "申请人名称",
                    "法定代表人（负责人）",
                    "经营场所",
                    "主体业态",
                    "经营项目",
                    "联系电话",
                ],
                "notes": "用黑色签字笔填写，签字须与身份证件一致",
                "standard": "内容完整、签字盖章齐全",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "法定代表人（负责人）居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "与食品经营相适应的主要设备设施、经营布局、操作流程等文件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "包括经营场所平面图、主要设备设施清单",
                "standard": "布局合理，与申请的经营项目相适应",
            },
            {
                "name": "食品安全管理制度目录及食品安全管理人员名单",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "DEFERRABLE",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "容缺受理：可在现场核查时补交",
                "standard": "",
            },
            {
                "name": "授权委托书及受托人身份证件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "委托他人代为办理的提交，委托书须载明委托事项和权限",
                "standard": "委托人签字（盖章），受托人身份证件有效",
            },
        ],
        "fees": [],
    },
    {
        "department": "市场监管",
        "name": "食品经营许可（变更）",
        "basic_code": "0100002002",
        "variant": "CHANGE",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国食品安全法》第三十五条。\n"
            "2. 《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）。"
        ),
        "conditions": (
            "1. 已取得食品经营许可证，且许可证在有效期内。\n"
            "2. 许可证载明的许可事项或登记事项发生变化的，在变化后10个工作日内申请变更。\n"
            "3. 经营场所发生变化的，应当重新申请食品经营许可，不适用本事项。\n"
            "4. 变更后仍符合食品经营许可条件。"
        ),
        "procedure": (
            "1. 申请：在线或到窗口提交变更申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：对变更事项进行审查，必要时进行现场核查。\n"
            "4. 决定发证：准予变更的，换发食品经营许可证，原证书编号和有效期不变。"
        ),
        "statutory": (10, "WORKING_DAYS", "自受理之日起10个工作日内作出决定"),
        "promised": (3, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("审查", 1, None), ("决定", 1, None), ("制证", 1, None)],
        "service_objects": ["1", "2", "5"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "食品经营许可证（变更）",
        "faq": [
            ("店面搬家了能办变更吗？", "不能。经营场所发生变化的，应当重新申请食品经营许可。"),
            ("许可证有效期多长？", "食品经营许可证有效期为5年。"),
        ],
        "keywords": ["食品许可变更", "经营项目变更", "法人变更", "餐饮"],
        "themes": ["准营准办"],
        "materials": [
            {
                "name": "食品经营许可变更申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "内容完整、签字盖章齐全",
            },
            {
                "name": "食品经营许可证正本、副本",
                "issuer": "市场监管部门",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "与变更事项有关的材料",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "如变更经营项目的，提交相应的设备设施和布局流程说明",
                "standard": "",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "市场监管",
        "name": "食品经营许可（延续）",
        "basic_code": "0100002003",
        "variant": "RENEWAL",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国食品安全法》第三十五条。\n"
            "2. 《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）。"
        ),
        "conditions": (
            "1. 食品经营许可证有效期届满需要继续经营。\n"
            "2. 在许可证有效期届满前90个工作日至15个工作日期间提出延续申请。\n"
            "3. 持续符合食品经营许可条件。"
        ),
        "procedure": (
            "1. 申请：在规定期间内在线或到窗口提交延续申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：对申请材料进行审查，许可条件发生变化的进行现场核查。\n"
            "4. 决定发证：准予延续的，换发食品经营许可证，有效期自原许可证有效期届满之日起重新计算。"
        ),
        "statutory": (10, "WORKING_DAYS", "在许可证有效期届满前作出是否准予延续的决定"),
        "promised": (3, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("审查", 1, None), ("决定", 1, None), ("制证", 1, None)],
        "service_objects": ["1", "2", "5"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "食品经营许可证（延续）",
        "faq": [
            (
                "许可证过期了还能延续吗？",
                "不能。有效期届满未申请延续的，许可证依法注销，需要继续经营的应当重新申请食品经营许可。",
            ),
            ("许可证有效期多长？", "食品经营许可证有效期为5年。"),
        ],
        "keywords": ["食品许可延续", "许可证到期", "换证", "餐饮"],
        "themes": ["准营准办"],
        "materials": [
            {
                "name": "食品经营许可延续申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "食品经营者名称",
                    "许可证编号",
                    "许可证有效期",
                    "经营场所",
                    "主体业态",
                    "经营项目是否变化",
                    "联系电话",
                ],
                "notes": "许可条件有变化的，在申请书中说明变化情况",
                "standard": "内容完整、签字盖章齐全",
            },
            {
                "name": "食品经营许可证正本、副本",
                "issuer": "市场监管部门",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "与延续食品经营许可有关的其他材料",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "许可条件发生变化的提交",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "市场监管",
        "name": "药品零售企业许可（新办）",
        "basic_code": "0100004001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国药品管理法》第五十一条、第五十二条。\n"
            "2. 《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）。\n"
            "3. 《药品经营质量管理规范》。"
        ),
        "conditions": (
            "1. 有依法经过资格认定的药师或者其他药学技术人员；经营处方药、甲类非处方药的，"
            "按规定配备执业药师。\n"
            "2. 有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境。\n"
            "3. 有与所经营药品相适应的质量管理机构或者人员。\n"
            "4. 有保证药品质量的规章制度，并符合《药品经营质量管理规范》要求。\n"
            "5. 已取得营业执照。"
        ),
        "procedure": (
            "1. 申请：通过辽宁省药品监管政务服务平台在线申请，或到食品药品许可窗口提交材料。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 技术审查：对申请材料进行审查。\n"
            "4. 现场检查：按照《药品经营质量管理规范》组织现场检查。\n"
            "5. 决定发证：符合条件的，核发药品经营许可证，有效期5年。"
        ),
        "statutory": (20, "WORKING_DAYS", "自受理之日起20个工作日内作出决定（含现场检查时间）"),
        "promised": (10, "WORKING_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("资料审查", 2, None),
            ("现场检查", 5, None),
            ("决定", 1, None),
            ("制证", 1, None),
        ],
        "service_objects": ["2", "5"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "药品经营许可证",
        "faq": [
            (
                "药店一定要配执业药师吗？",
                (
                    "经营处方药、甲类非处方药的药品零售企业应当配备执业药师；只经营乙类非处方药的，"
                    "可按规定配备经考核合格的药学技术人员或业务人员。"
                ),
            ),
        ],
        "keywords": ["药店", "药房", "开药店", "药品零售", "药品经营许可证"],
        "themes": ["准营准办", "医疗卫生"],
        "materials": [
            {
                "name": "药品经营许可证申请表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "企业名称",
                    "统一社会信用代码",
                    "经营方式",
                    "经营范围",
                    "注册地址",
                    "仓库地址",
                    "法定代表人",
                    "企业负责人",
                    "质量负责人",
                    "执业药师姓名及注册证编号",
                    "联系电话",
                ],
                "notes": "经营范围按处方药、甲类非处方药、乙类非处方药及中药饮片等分类填写",
                "standard": "内容完整、加盖公章",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "企业负责人、质量负责人的身份证明、学历及执业资格证明",
                "issuer": "申请人",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "学历、资格符合《药品经营质量管理规范》要求",
            },
            {
                "name": "执业药师注册证",
                "issuer": "药品监督管理部门",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "营业场所、仓库平面布局图及地理位置图",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "标明面积、功能区划分",
                "standard": "",
            },
            {
                "name": "营业场所、仓库产权证明或租赁合同",
                "issuer": "产权人或出租方",
                "originals": 1,
                "copies": 1,
                "necessity": "DEFERRABLE",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "容缺受理：可在现场检查前补交",
                "standard": "",
            },
            {
                "name": "药品质量管理制度文件目录",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "覆盖采购、验收、陈列、销售、不良反应报告等环节",
            },
        ],
        "fees": [],
    },
    {
        "department": "市场监管",
        "name": "企业设立登记（一件事）",
        "basic_code": "0100005001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "JOINT",
        "co_departments": ["税务", "公安", "人社"],
        "legal_basis": (
            "1. 《中华人民共和国公司法》第二十九条、第三十条。\n"
            "2. 《中华人民共和国市场主体登记管理条例》（国务院令第746号）第三条、第十九条。\n"
            "3. 《国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见》"
            "（国发〔2024〕3号）。"
        ),
        "conditions": (
            "1. 申请设立有限责任公司、股份有限公司、非公司企业法人、合伙企业或个人独资企业。\n"
            "2. 企业名称已自主申报通过，有符合规定的住所。\n"
            "3. 股东（出资人）符合法定条件，公司章程（合伙协议）由全体股东（合伙人）依法制定。\n"
            "4. 经营范围涉及前置许可的，已取得相关审批文件。\n"
            "5. 一次填报营业执照、印章刻制、发票与税务、社会保险参保登记所需信息。"
        ),
        "procedure": (
            "1. 申请：通过辽宁省企业开办“一网通办”平台一次填报，或到综合受理（企业开办）窗口一表申请。\n"
            "2. 综合受理：一次受理，信息实时推送市场监管、公安、税务、人社部门。\n"
            "3. 并联办理：市场监管核发营业执照；公安办理印章刻制备案；"
            "税务办理新办纳税人套餐并开通数电发票；人社办理单位社会保险参保登记。\n"
            "4. 出件：在综合出件窗口一次领取营业执照、印章等全部结果，或选择免费邮寄。"
        ),
        "statutory": (
            3,
            "WORKING_DAYS",
            "营业执照：材料齐全、符合法定形式的当场登记，不能当场登记的3个工作日内登记",
        ),
        "promised": (1, "WORKING_DAYS", "企业开办全流程1个工作日内办结"),
        "steps": [
            ("综合受理", 0, None),
            ("营业执照核发", 1, None),
            ("印章刻制备案", 0, "公安"),
            ("新办纳税人套餐", 0, "税务"),
            ("社会保险参保登记", 0, "人社"),
        ],
        "service_objects": ["2", "5"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE", "MAIL"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "营业执照、企业印章、数电发票开票资格及社会保险登记信息",
        "faq": [
            (
                "开办企业要跑几个窗口？",
                (
                    "只需在综合受理（企业开办）窗口一次提交，营业执照、公章、发票和社保登记同步办理；"
                    "全程网办的可以“零跑腿”。"
                ),
            ),
            ("刻章要收费吗？", "新开办企业首套印章由政府购买服务免费刻制，以当期政策为准。"),
        ],
        "keywords": ["开公司", "注册公司", "企业开办", "营业执照", "公章", "一件事"],
        "themes": ["企业开办"],
        "materials": [
            {
                "name": "企业设立登记申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "企业名称",
                    "住所",
                    "注册资本（万元）",
                    "企业类型",
                    "经营范围",
                    "法定代表人",
                    "股东（出资人）及出资额",
                    "联系电话",
                ],
                "notes": "网上申请的通过电子签名确认",
                "standard": "内容完整，全体股东签字（盖章）",
            },
            {
                "name": "公司章程（合伙协议）",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "全体股东（合伙人）签字（盖章）",
            },
            {
                "name": "股东（出资人）主体资格证明或自然人身份证件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "法定代表人、董事、监事、高级管理人员的任职文件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "住所使用证明（或住所申报承诺书）",
                "issuer": "产权人或出租方",
                "originals": 1,
                "copies": 1,
                "necessity": "DEFERRABLE",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "容缺受理：可在领取营业执照前补交",
                "standard": "",
            },
            {
                "name": "企业开办“一件事”信息采集表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "办税人员",
                    "财务负责人",
                    "发票种类",
                    "印章种类",
                    "参保职工人数",
                    "社保经办人",
                    "联系电话",
                ],
                "notes": "一表采集税务、公安、人社所需信息，无需分别填报",
                "standard": "与登记信息一致",
            },
        ],
        "fees": [],
    },
    {
        "department": "市场监管",
        "name": "企业简易注销登记",
        "basic_code": "0100005004",
        "variant": "CANCELLATION",
        "type": "01",
        "case_kind": "JOINT",
        "co_departments": ["税务"],
        "legal_basis": (
            "1. 《中华人民共和国公司法》第二百四十条。\n"
            "2. 《中华人民共和国市场主体登记管理条例》（国务院令第746号）第三十三条。\n"
            "3. 《中华人民共和国市场主体登记管理条例实施细则》（国家市场监督管理总局令第52号）。"
        ),
        "conditions": (
            "1. 企业未发生债权债务或者已将债权债务清偿完结。\n"
            "2. 未发生或者已结清清偿费用、职工工资、社会保险费用、法定补偿金和应缴纳税款（滞纳金、罚款）。"
            "\n"
            "3. 全体投资人书面承诺对上述情况的真实性承担法律责任。\n"
            "4. 已通过国家企业信用信息公示系统公示承诺书，公示期20日届满且无异议。\n"
            "5. 不存在股权被冻结或出质、正在被立案调查、被列入经营异常名录或严重违法失信名单等不适用简易注"
            "销的情形。"
        ),
        "procedure": (
            "1. 公示：通过国家企业信用信息公示系统公示全体投资人承诺书，公示期20日。\n"
            "2. 申请：公示期届满之日起20日内向登记机关申请简易注销登记。\n"
            "3. 税务核查：信息同步推送税务部门，对未办理过涉税事宜或无欠税（滞纳金）"
            "及罚款的即时出具清税信息。\n"
            "4. 登记：符合条件的，作出准予简易注销登记决定。"
        ),
        "statutory": (3, "WORKING_DAYS", "公示期满提出申请、材料齐全的，3个工作日内作出决定"),
        "promised": (1, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("清税信息核验", 0, "税务"), ("审核决定", 1, None)],
        "service_objects": ["2", "5"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "准予简易注销登记通知书",
        "faq": [
            (
                "公示期内有人提出异议怎么办？",
                "公示期内被提出异议的，不能适用简易注销程序，可以按普通注销程序办理。",
            ),
        ],
        "keywords": ["注销公司", "简易注销", "企业注销", "关公司"],
        "themes": ["企业注销"],
        "materials": [
            {
                "name": "简易注销登记申请书",
                "issuer": "企业",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "企业名称",
                    "统一社会信用代码",
                    "注销原因",
                    "公示起止日期",
                    "全体投资人签字（盖章）",
                    "联系电话",
                ],
                "notes": "",
                "standard": "全体投资人签字（盖章）",
            },
            {
                "name": "全体投资人承诺书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "已在公示系统公示且期满无异议",
            },
            {
                "name": "营业执照正本、副本",
                "issuer": "市场监管部门",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "遗失的可在公示系统声明作废",
                "standard": "",
            },
            {
                "name": "清税信息",
                "issuer": "税务机关",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 医保（市医疗保障局）----------
    {
        "department": "医保",
        "name": "异地就医备案",
        "basic_code": "2000001001",
        "variant": "NONE",
        "type": "20",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国社会保险法》第二十九条。\n"
            "2. 《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》"
            "（医保发〔2022〕22号）。"
        ),
        "conditions": (
            "1. 参加本市职工基本医疗保险或城乡居民基本医疗保险，且处于正常参保状态。\n"
            "2. 属于异地长期居住人员（异地安置退休、异地长期居住、常驻异地工作）"
            "或临时外出就医人员（异地转诊、急诊抢救等）。"
        ),
        "procedure": (
            "1. 申请：通过国家医保服务平台App、“辽事通”App或医保窗口申请。\n"
            "2. 备案：选择备案类型和就医地，签署个人承诺书。\n"
            "3. 生效：备案即时生效，在就医地定点医疗机构直接结算。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "异地就医备案回执",
        "faq": [
            (
                "备案后多久生效？",
                "线上备案即时生效，可在备案有效期内到就医地跨省联网定点医疗机构直接结算。",
            ),
        ],
        "keywords": ["异地就医", "异地备案", "外地看病", "跨省就医"],
        "themes": ["医疗卫生", "社会保障"],
        "materials": [
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "也可使用社会保障卡或医保电子凭证",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "异地就医备案个人承诺书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "线上办理的在线签署",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "医保",
        "name": "城乡居民基本医疗保险参保登记",
        "basic_code": "2000002001",
        "variant": "NEW",
        "type": "20",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国社会保险法》第二十五条。\n"
            "2. 《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）。"
        ),
        "conditions": (
            "1. 具有本市户籍或持有本市居住证，未参加职工基本医疗保险的城乡居民（含学生、儿童）。\n"
            "2. 在集中参保缴费期内办理；新生儿、退役军人等按规定可随时参保。"
        ),
        "procedure": (
            "1. 申请：通过“辽事通”App、税务缴费渠道或医保窗口办理参保登记。\n"
            "2. 登记：核验身份和参保状态。\n"
            "3. 缴费：按年度缴纳个人缴费，次年1月1日起享受待遇（新生儿等另有规定的从其规定）。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "城乡居民基本医疗保险参保登记信息",
        "faq": [
            (
                "新生儿怎么参保？",
                (
                    "新生儿可凭出生医学证明和户口簿参保，也可通过“出生一件事”一并办理；"
                    "按规定时限参保缴费的，自出生之日起享受待遇。"
                ),
            ),
        ],
        "keywords": ["居民医保", "新农合", "参保", "医保缴费"],
        "themes": ["社会保障", "医疗卫生"],
        "materials": [
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "未成年人可提供居民户口簿",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "居住证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "非本市户籍人员提交",
                "standard": "",
            },
        ],
        "fees": [],
    },
    # ---- 税务（国家税务总局庄河市税务局）----------
    {
        "department": "税务",
        "name": "个人所得税综合所得汇算清缴",
        "basic_code": "1000001001",
        "variant": "NONE",
        "type": "10",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国个人所得税法》第二条、第十条、第十一条。\n"
            "2. 《中华人民共和国个人所得税法实施条例》。\n"
            "3. 《中华人民共和国税收征收管理法》。"
        ),
        "conditions": (
            "1. 纳税年度内取得工资薪金、劳务报酬、稿酬、特许权使用费四项综合所得的居民个人。\n"
            "2. 已预缴税额大于年度应纳税额且申请退税，或者综合所得收入超过12万元且需要补税金额超过400元。\n"
            "3. 在取得所得的次年3月1日至6月30日内办理。"
        ),
        "procedure": (
            "1. 申报：通过“个人所得税”App、自然人电子税务局网页端或办税服务厅办理年度汇算。\n"
            "2. 确认：核对收入、专项附加扣除等预填信息，计算应退（补）税额。\n"
            "3. 退补税：申请退税的提交退税申请；需要补税的在线缴纳。"
        ),
        "statutory": (0, "WORKING_DAYS", "当场受理申报"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE", "MAIL"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "个人所得税年度自行纳税申报表及退（补）税结果",
        "faq": [
            (
                "必须到大厅办吗？",
                "不需要。推荐通过“个人所得税”App网上办理，也可委托扣缴单位或涉税专业服务机构代办。",
            ),
            ("退税多久到账？", "税务机关审核通过后，退税款由国库直接退至纳税人提供的本人银行账户。"),
        ],
        "keywords": ["个税", "退税", "年度汇算", "个人所得税"],
        "themes": ["税费缴纳"],
        "materials": [
            {
                "name": "个人所得税年度自行纳税申报表",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "纳税人姓名",
                    "纳税人识别号",
                    "任职受雇单位",
                    "综合所得收入额",
                    "专项附加扣除合计",
                    "已缴税额",
                    "应补（退）税额",
                    "退税银行账户",
                ],
                "notes": "通过App办理的系统自动预填，无需纸质申报",
                "standard": "本人签字确认申报信息真实、完整",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "专项附加扣除、捐赠等相关凭证",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "留存备查，税务机关要求时提供",
                "standard": "",
            },
        ],
        "fees": [],
    },
    {
        "department": "税务",
        "name": "增值税发票领用",
        "basic_code": "1000002001",
        "variant": "NONE",
        "type": "10",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": "1. 《中华人民共和国发票管理办法》。\n2. 《中华人民共和国发票管理办法实施细则》。",
        "conditions": (
            "1. 已办理登记信息确认的纳税人（含个体工商户）。\n"
            "2. 办税人员已完成实名信息采集和身份验证。\n"
            "3. 申请领用的发票种类、数量与经营情况和纳税信用状况相适应。\n"
            "4. 已推行数字化电子发票的纳税人，通过电子发票服务平台按发票额度开具，无需领用纸质发票。"
        ),
        "procedure": (
            "1. 申请：通过电子税务局在线申请，或到办税服务厅申请。\n"
            "2. 核定：税务机关核定发票种类、数量或数电发票额度。\n"
            "3. 领用：纸质发票可自助终端领取或邮寄；数电发票即时开通。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["2", "5", "9"],
        "handling_forms": ["WINDOW", "WEB", "MAIL"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "发票（纸质发票或数电发票开票额度）",
        "faq": [
            (
                "新办企业多久能开发票？",
                "新办纳税人完成实名认证后，在“新办纳税人套餐”中同步开通数电发票，一般当日即可开具。",
            ),
        ],
        "keywords": ["领发票", "发票", "专票", "普票", "数电发票"],
        "themes": ["税费缴纳", "企业开办"],
        "materials": [
            {
                "name": "发票领用申请",
                "issuer": "纳税人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "APPLICANT",
                "form": None,
                "notes": "在电子税务局在线填报",
                "standard": "",
            },
            {
                "name": "办税人员居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
        ],
        "fees": [],
    },
    # ---- 不动产（市不动产登记中心）----------
    {
        "department": "不动产",
        "name": "不动产首次登记",
        "basic_code": "0700001001",
        "variant": "NEW",
        "type": "07",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国民法典》第二百零九条、第二百一十条。\n"
            "2. 《不动产登记暂行条例》第三条、第五条、第二十条。\n"
            "3. 《不动产登记暂行条例实施细则》。"
        ),
        "conditions": (
            "1. 不动产权利依法设立，申请人为权利人。\n"
            "2. 房屋等建筑物、构筑物所有权首次登记的，已办理建设用地使用权登记，建设工程已竣工验收合格。\n"
            "3. 不动产界址、空间界限、面积等权籍调查成果清楚。\n"
            "4. 不存在权属争议。"
        ),
        "procedure": (
            "1. 申请：通过“辽宁不动产登记”网上平台或到不动产登记窗口提出申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审核：查验权属来源和权籍调查成果，必要时实地查看；"
            "依法需要公告的（如宅基地使用权及房屋所有权首次登记），公告15个工作日。\n"
            "4. 登簿：审核通过后记载于不动产登记簿。\n"
            "5. 发证：缮制并核发不动产权证书，同步生成电子证照。"
        ),
        "statutory": (30, "WORKING_DAYS", "自受理之日起30个工作日（《不动产登记暂行条例》第二十条）"),
        "promised": (5, "WORKING_DAYS", "不含公告时间"),
        "steps": [("受理", 0, None), ("审核", 3, None), ("登簿", 1, None), ("缮证发证", 1, None)],
        "service_objects": ["1", "2", "3", "6"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "不动产权证书",
        "faq": [
            (
                "新房首次登记由谁申请？",
                "商品房项目的首次登记由房地产开发企业申请，购房人在此基础上办理转移登记。",
            ),
        ],
        "keywords": ["首次登记", "初始登记", "大证", "不动产权证书"],
        "themes": ["不动产"],
        "materials": [
            {
                "name": "不动产登记申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "申请人（权利人）",
                    "身份证件种类及号码",
                    "不动产坐落",
                    "不动产单元号",
                    "权利类型",
                    "登记原因",
                    "面积（平方米）",
                    "用途",
                    "联系电话",
                ],
                "notes": "申请人签字（盖章）；共同申请的由双方分别签字",
                "standard": "内容与权属来源材料一致，签字（盖章）齐全",
            },
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "单位申请的提交营业执照和法定代表人身份证明",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "土地权属来源材料（建设用地使用权登记信息）",
                "issuer": "不动产登记机构",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "建设工程符合规划的材料（规划核实意见）",
                "issuer": "自然资源部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "建设工程竣工验收材料",
                "issuer": "建设单位",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "已联网共享的无需提交",
                "standard": "",
            },
            {
                "name": "不动产权籍调查成果（测绘报告）",
                "issuer": "测绘单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "加盖测绘单位公章，面积计算准确",
            },
        ],
        "fees": [
            {
                "name": "不动产登记费（住宅）",
                "kind": "FIXED",
                "amount": "80.00",
                "unit": "件",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                    "（发改价格规〔2016〕2559号）"
                ),
                "waivable": True,
                "waiver_basis": (
                    "廉租住房、公共租赁住房、经济适用住房和棚户区改造安置住房所有权及其建设用地使用权办理不"
                    "动产登记，登记收费标准为零（发改价格规〔2016〕2559号）；小微企业（含个体工商户）"
                    "申请不动产登记的，免征不动产登记费（《财政部 国家发展改革委关于不动产登记收费有关政策"
                    "问题的通知》财税〔2016〕79号）"
                ),
            },
            {
                "name": "不动产登记费（非住宅）",
                "kind": "FIXED",
                "amount": "550.00",
                "unit": "件",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                    "（发改价格规〔2016〕2559号）"
                ),
                "waivable": True,
                "waiver_basis": (
                    "小微企业（含个体工商户）申请不动产登记的，免征不动产登记费（《财政部 国家发展改革委关"
                    "于不动产登记收费有关政策问题的通知》财税〔2016〕79号）"
                ),
            },
            {
                "name": "不动产权属证书工本费",
                "kind": "TIERED",
                "amount": None,
                "unit": "本",
                "min": None,
                "max": None,
                "tiers": [(1, "0.00"), (None, "10.00")],
                "basis": (
                    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                    "（发改价格规〔2016〕2559号）：核发一本证书的不收取工本费，向一个以上权利人核发证书的，"
                    "每增加一本加收10元"
                ),
                "waivable": False,
                "waiver_basis": "",
            },
        ],
    },
    {
        "department": "不动产",
        "name": "不动产转移登记",
        "basic_code": "0700001002",
        "variant": "CHANGE",
        "type": "07",
        "case_kind": "JOINT",
        "co_departments": ["税务"],
        "legal_basis": (
            "1. 《中华人民共和国民法典》第二百零九条、第二百一十四条。\n"
            "2. 《不动产登记暂行条例》第三条、第十四条、第二十条。\n"
            "3. 《不动产登记暂行条例实施细则》。\n"
            "4. 《中华人民共和国契税法》第十一条。"
        ),
        "conditions": (
            "1. 不动产已办理首次登记，权属清楚，无查封等限制。\n"
            "2. 因买卖、互换、赠与、继承、受遗赠、分割等原因导致不动产权利发生转移。\n"
            "3. 买卖、互换、赠与的由双方共同申请；继承、受遗赠的可由单方申请。\n"
            "4. 已依法缴纳契税等税费（“一窗受理”时同步办理）。"
        ),
        "procedure": (
            "1. 申请：买卖双方到不动产登记“一窗受理”窗口共同申请，或通过网上平台预审后到场签字。\n"
            "2. 一窗受理：一次受理不动产登记、交易和税费申报，一套材料一次提交。\n"
            "3. 税费核缴：税务部门核定契税等税费，申请人现场或线上缴纳。\n"
            "4. 审核登簿：登记机构审核后记载于不动产登记簿。\n"
            "5. 发证：核发不动产权证书，并可同步推送水电气过户信息。"
        ),
        "statutory": (30, "WORKING_DAYS", "自受理之日起30个工作日（《不动产登记暂行条例》第二十条）"),
        "promised": (3, "WORKING_DAYS", ""),
        "steps": [
            ("一窗受理", 0, None),
            ("税费核定征收", 1, "税务"),
            ("审核登簿", 1, None),
            ("缮证发证", 1, None),
        ],
        "service_objects": ["1", "2"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "不动产权证书",
        "faq": [
            (
                "买卖双方都要到场吗？",
                "买卖转移登记应由双方共同申请，双方本人到场，或委托代理人持经公证的委托书到场办理。",
            ),
            (
                "契税在哪里缴？",
                "在不动产登记大厅“一窗受理”窗口同步申报，可现场或通过手机缴纳，无需另跑税务大厅。",
            ),
        ],
        "keywords": ["过户", "二手房", "买房", "房产证", "契税"],
        "themes": ["不动产"],
        "materials": [
            {
                "name": "不动产登记申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "申请人（权利人）",
                    "身份证件种类及号码",
                    "不动产坐落",
                    "不动产单元号",
                    "权利类型",
                    "登记原因",
                    "面积（平方米）",
                    "用途",
                    "联系电话",
                ],
                "notes": "申请人签字（盖章）；共同申请的由双方分别签字",
                "standard": "内容与权属来源材料一致，签字（盖章）齐全",
            },
            {
                "name": "买卖双方居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件；单位提交营业执照和法定代表人身份证明",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "不动产权证书",
                "issuer": "不动产登记机构",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "与登记簿记载一致",
            },
            {
                "name": "不动产买卖合同（或赠与合同、继承材料等权属转移材料）",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "双方签字（盖章）齐全",
            },
            {
                "name": "契税完税或减免税信息",
                "issuer": "税务机关",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "婚姻状况证明",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "DEFERRABLE",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "容缺受理：可现场签署婚姻状况声明，通过民政部门共享信息核验",
                "standard": "",
            },
        ],
        "fees": [
            {
                "name": "不动产登记费（住宅）",
                "kind": "FIXED",
                "amount": "80.00",
                "unit": "件",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                    "（发改价格规〔2016〕2559号）"
                ),
                "waivable": True,
                "waiver_basis": (
                    "廉租住房、公共租赁住房、经济适用住房和棚户区改造安置住房所有权及其建设用地使用权办理不"
                    "动产登记，登记收费标准为零（发改价格规〔2016〕2559号）；小微企业（含个体工商户）"
                    "申请不动产登记的，免征不动产登记费（《财政部 国家发展改革委关于不动产登记收费有关政策"
                    "问题的通知》财税〔2016〕79号）"
                ),
            },
            {
                "name": "不动产登记费（非住宅）",
                "kind": "FIXED",
                "amount": "550.00",
                "unit": "件",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                    "（发改价格规〔2016〕2559号）"
                ),
                "waivable": True,
                "waiver_basis": (
                    "小微企业（含个体工商户）申请不动产登记的，免征不动产登记费（《财政部 国家发展改革委关"
                    "于不动产登记收费有关政策问题的通知》财税〔2016〕79号）"
                ),
            },
            {
                "name": "不动产权属证书工本费",
                "kind": "TIERED",
                "amount": None,
                "unit": "本",
                "min": None,
                "max": None,
                "tiers": [(1, "0.00"), (None, "10.00")],
                "basis": (
                    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                    "（发改价格规〔2016〕2559号）：核发一本证书的不收取工本费，向一个以上权利人核发证书的，"
                    "每增加一本加收10元"
                ),
                "waivable": False,
                "waiver_basis": "",
            },
        ],
    },
    {
        "department": "不动产",
        "name": "不动产抵押登记",
        "basic_code": "0700002001",
        "variant": "NEW",
        "type": "07",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国民法典》第三百九十五条、第四百零二条。\n"
            "2. 《不动产登记暂行条例》第十四条。\n"
            "3. 《不动产登记暂行条例实施细则》。"
        ),
        "conditions": (
            "1. 抵押财产为依法可以抵押的不动产，已办理不动产权利登记。\n"
            "2. 抵押人与抵押权人已签订书面抵押合同。\n"
            "3. 由抵押人和抵押权人共同申请。"
        ),
        "procedure": (
            "1. 申请：抵押人和抵押权人共同到窗口申请，或通过银行网点“不动产登记+金融服务”延伸点申请。\n"
            "2. 受理审核：审核抵押合同和权属情况。\n"
            "3. 登簿发证：记载于不动产登记簿，出具不动产登记证明（可生成电子证明推送至银行）。"
        ),
        "statutory": (30, "WORKING_DAYS", "自受理之日起30个工作日（《不动产登记暂行条例》第二十条）"),
        "promised": (1, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("审核登簿", 1, None), ("出具登记证明", 0, None)],
        "service_objects": ["1", "2", "5"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "不动产登记证明（抵押权）",
        "faq": [
            (
                "抵押权什么时候设立？",
                "以不动产抵押的，抵押权自登记时设立（《中华人民共和国民法典》第四百零二条）。",
            ),
        ],
        "keywords": ["抵押", "房产抵押", "贷款抵押", "他项权证"],
        "themes": ["不动产"],
        "materials": [
            {
                "name": "不动产登记申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "抵押人、抵押权人签字（盖章）",
            },
            {
                "name": "抵押人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "不动产权证书",
                "issuer": "不动产登记机构",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "主债权合同及抵押合同",
                "issuer": "抵押人、抵押权人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "合同签章齐全，担保范围、债权数额明确",
            },
            {
                "name": "抵押权人（金融机构）营业执照及授权委托书",
                "issuer": "金融机构",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [
            {
                "name": "不动产登记费（住宅）",
                "kind": "FIXED",
                "amount": "80.00",
                "unit": "件",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                    "（发改价格规〔2016〕2559号）"
                ),
                "waivable": True,
                "waiver_basis": (
                    "廉租住房、公共租赁住房、经济适用住房和棚户区改造安置住房所有权及其建设用地使用权办理不"
                    "动产登记，登记收费标准为零（发改价格规〔2016〕2559号）；小微企业（含个体工商户）"
                    "申请不动产登记的，免征不动产登记费（《财政部 国家发展改革委关于不动产登记收费有关政策"
                    "问题的通知》财税〔2016〕79号）"
                ),
            },
            {
                "name": "不动产登记费（非住宅）",
                "kind": "FIXED",
                "amount": "550.00",
                "unit": "件",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                    "（发改价格规〔2016〕2559号）"
                ),
                "waivable": True,
                "waiver_basis": (
                    "小微企业（含个体工商户）申请不动产登记的，免征不动产登记费（《财政部 国家发展改革委关"
                    "于不动产登记收费有关政策问题的通知》财税〔2016〕79号）"
                ),
            },
        ],
    },
    {
        "department": "不动产",
        "name": "不动产权证书补发",
        "basic_code": "0700003001",
        "variant": "NONE",
        "type": "07",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": "1. 《不动产登记暂行条例》第二十条。\n2. 《不动产登记暂行条例实施细则》第二十二条。",
        "conditions": (
            "1. 不动产权证书遗失或者灭失。\n"
            "2. 申请人为不动产登记簿记载的权利人或其委托代理人。\n"
            "3. 不动产不存在权属争议。"
        ),
        "procedure": (
            "1. 申请：权利人提交补发申请。\n"
            "2. 公告：登记机构在门户网站刊发遗失、灭失声明，公告15个工作日。\n"
            "3. 审核：公告期满无异议的，审核并在登记簿上记载补发事项。\n"
            "4. 发证：补发不动产权证书，证书上注明“补发”字样。"
        ),
        "statutory": (30, "WORKING_DAYS", "自受理之日起30个工作日（《不动产登记暂行条例》第二十条）"),
        "promised": (18, "WORKING_DAYS", "含15个工作日遗失声明公告期"),
        "steps": [("受理", 0, None), ("遗失声明公告", 15, None), ("审核", 1, None), ("缮证发证", 1, None)],
        "service_objects": ["1", "2"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "不动产权证书（补发）",
        "faq": [
            ("还需要自己登报声明吗？", "不需要。遗失声明由不动产登记机构在门户网站免费刊发。"),
        ],
        "keywords": ["房产证丢了", "补办房产证", "不动产权证遗失", "补证"],
        "themes": ["不动产"],
        "materials": [
            {
                "name": "不动产登记申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "登记原因填写“遗失补证”或“灭失补证”",
                "standard": "",
            },
            {
                "name": "权利人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "遗失（灭失）情况说明",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "说明证书遗失、灭失的时间和经过",
                "standard": "权利人签字",
            },
            {
                "name": "授权委托书及受托人身份证件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "委托他人代为办理的提交，委托书须载明委托事项和权限",
                "standard": "委托人签字（盖章），受托人身份证件有效",
            },
        ],
        "fees": [
            {
                "name": "不动产权属证书工本费",
                "kind": "FIXED",
                "amount": "10.00",
                "unit": "本",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                    "（发改价格规〔2016〕2559号）"
                ),
                "waivable": False,
                "waiver_basis": "",
            },
        ],
    },
    {
        "department": "不动产",
        "name": "不动产登记资料查询",
        "basic_code": "2000004001",
        "variant": "NONE",
        "type": "20",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": (
            "1. 《不动产登记暂行条例》第二十七条。\n2. 《不动产登记资料查询暂行办法》（国土资源部令第80号）。"
        ),
        "conditions": (
            "1. 权利人可以查询、复制其全部的不动产登记资料。\n"
            "2. 因买卖、互换、赠与、租赁、抵押不动产构成利害关系的，"
            "或者因不动产存在民事纠纷且已经提起诉讼、仲裁而构成利害关系的，可以查询、"
            "复制不动产登记簿上记载的相关信息。\n"
            "3. 查询人应当说明查询目的，不得将查询获得的资料用于其他目的。"
        ),
        "procedure": (
            "1. 申请：到窗口或通过“辽事通”App、不动产登记网上平台提出查询申请。\n"
            "2. 审查：核验查询人身份及查询资格。\n"
            "3. 出具：符合条件的当场提供查询结果；不符合条件的书面告知理由。"
        ),
        "statutory": (
            5,
            "WORKING_DAYS",
            "符合查询条件的当场提供；因情况特殊不能当场提供的，5个工作日内提供",
        ),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1", "2", "3", "6"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "不动产登记资料查询结果证明",
        "faq": [
            (
                "可以在手机上查自己名下的房产吗？",
                "可以。权利人通过“辽事通”App或不动产登记网上平台实名认证后，可查询本人名下不动产登记信息。",
            ),
        ],
        "keywords": ["查房产", "房产查询", "查档", "产权查询", "无房证明"],
        "themes": ["不动产", "住房保障"],
        "materials": [
            {
                "name": "不动产登记资料查询申请书",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": [
                    "查询人姓名（名称）",
                    "身份证件号码",
                    "查询人类型（权利人/利害关系人）",
                    "查询目的",
                    "不动产坐落或权利人名称",
                    "查询内容",
                    "联系电话",
                ],
                "notes": "利害关系人查询的，须说明利害关系",
                "standard": "查询目的明确，签字齐全",
            },
            {
                "name": "查询人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "利害关系证明材料",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "利害关系人查询的提交，如买卖合同、起诉受理通知书等",
                "standard": "",
            },
            {
                "name": "授权委托书及受托人身份证件",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "委托他人代为办理的提交，委托书须载明委托事项和权限",
                "standard": "委托人签字（盖章），受托人身份证件有效",
            },
        ],
        "fees": [],
    },
    # ---- 公积金（市住房公积金管理中心）----------
    {
        "department": "公积金",
        "name": "住房公积金提取",
        "basic_code": "2000001001",
        "variant": "NONE",
        "type": "20",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": "《住房公积金管理条例》（国务院令第262号）第二十四条、第二十五条。",
        "conditions": (
            "1. 购买、建造、翻建、大修自住住房的。\n"
            "2. 离休、退休的。\n"
            "3. 完全丧失劳动能力，并与单位终止劳动关系的。\n"
            "4. 出境定居的。\n"
            "5. 偿还购房贷款本息的。\n"
            "6. 房租超出家庭工资收入的规定比例的。"
        ),
        "procedure": (
            "1. 申请：通过住房公积金网上服务大厅、手机公积金、“辽事通”App或公积金窗口申请。\n"
            "2. 审核：核验提取条件和相关信息。\n"
            "3. 办结：符合条件的当场准予提取，资金划入本人银行账户。"
        ),
        "statutory": (3, "NATURAL_DAYS", "自受理申请之日起3日内作出准予提取或者不准提取的决定"),
        "promised": (0, "NATURAL_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["1"],
        "handling_forms": ["WINDOW", "WEB", "MOBILE"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "住房公积金提取业务回执",
        "faq": [
            (
                "租房提取需要租房合同吗？",
                (
                    "在本市无自有住房且租房的，可按规定额度凭个人承诺提取，无需提供租房合同，"
                    "以公积金中心现行规定为准。"
                ),
            ),
        ],
        "keywords": ["公积金", "提取公积金", "取公积金", "租房提取", "还贷提取"],
        "themes": ["住房保障"],
        "materials": [
            {
                "name": "申请人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
            {
                "name": "本人银行卡",
                "issuer": "商业银行",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "须为本人一类银行账户",
                "standard": "",
            },
            {
                "name": "提取原因证明材料",
                "issuer": "申请人",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "如购房合同、不动产权证书、退休证明、租赁合同等；可共享获取的无需提交",
                "standard": "与申请的提取原因一致",
            },
        ],
        "fees": [],
    },
    {
        "department": "公积金",
        "name": "单位住房公积金缴存登记",
        "basic_code": "2000002001",
        "variant": "NEW",
        "type": "20",
        "case_kind": "IMMEDIATE",
        "co_departments": [],
        "legal_basis": "《住房公积金管理条例》（国务院令第262号）第十三条、第十四条、第十五条。",
        "conditions": (
            "1. 在本市依法设立的国家机关、事业单位、企业、民办非企业单位、社会团体等。\n"
            "2. 新设立的单位自设立之日起30日内办理缴存登记；单位录用职工的，"
            "自录用之日起30日内办理职工缴存登记。"
        ),
        "procedure": (
            "1. 申请：通过单位网上业务平台、企业开办“一网通办”平台或公积金窗口申请。\n"
            "2. 审核：核验单位登记信息。\n"
            "3. 办结：当场完成单位缴存登记，在受委托银行设立单位住房公积金账户。"
        ),
        "statutory": (0, "WORKING_DAYS", "即时办结"),
        "promised": (0, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("办结", 0, None)],
        "service_objects": ["2", "3", "4", "5", "6", "9"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "住房公积金单位缴存登记信息",
        "faq": [
            ("缴存比例是多少？", "单位和职工缴存比例均不低于5%、不高于12%，具体以本市当年公布的标准为准。"),
        ],
        "keywords": ["公积金开户", "单位开户", "缴存登记", "公积金"],
        "themes": ["企业开办", "人力资源"],
        "materials": [
            {
                "name": "住房公积金单位缴存登记表",
                "issuer": "单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "在线填报或加盖公章",
                "standard": "",
            },
            {
                "name": "营业执照",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
            {
                "name": "经办人居民身份证",
                "issuer": "公安机关",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "现场核验原件，核验后退还",
                "standard": "证件真实有效且在有效期内",
            },
        ],
        "fees": [],
    },
    # ---- 城管（市城市管理综合行政执法局）----------
    {
        "department": "城管",
        "name": "城市建筑垃圾处置核准",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国固体废物污染环境防治法》第六十三条。\n"
            "2. 《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）第101项。\n"
            "3. 《城市建筑垃圾管理规定》（建设部令第139号）。"
        ),
        "conditions": (
            "1. 建设单位、施工单位或运输单位依法需要处置建筑垃圾（含工程渣土、废弃物等）。\n"
            "2. 有建筑垃圾处置方案，明确建筑垃圾种类、数量、运输路线和消纳场所。\n"
            "3. 有与处置量相适应的运输车辆，车辆密闭运输并安装定位装置。\n"
            "4. 消纳场所符合规定，并与消纳单位签订协议。"
        ),
        "procedure": (
            "1. 申请：到城管窗口或在线提交处置核准申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 审查：审查处置方案，核查运输车辆和消纳场所。\n"
            "4. 决定：符合条件的核发城市建筑垃圾处置核准文件。"
        ),
        "statutory": (20, "NATURAL_DAYS", "自接到申请之日起20日内作出是否核准的决定"),
        "promised": (5, "NATURAL_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("审查", 2, None),
            ("现场核查", 1, None),
            ("决定", 1, None),
            ("发证", 1, None),
        ],
        "service_objects": ["2", "3", "6"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "城市建筑垃圾处置核准证",
        "faq": [
            (
                "居民装修垃圾需要办核准吗？",
                (
                    "居民个人装修产生的少量建筑垃圾，按照社区指定地点堆放，由环卫部门统一清运，"
                    "无需办理处置核准。"
                ),
            ),
        ],
        "keywords": ["建筑垃圾", "渣土", "工程渣土", "渣土运输"],
        "themes": ["工程建设"],
        "materials": [
            {
                "name": "建筑垃圾处置核准申请表",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "加盖公章",
            },
            {
                "name": "建筑垃圾处置方案",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "明确种类、数量、运输路线、消纳场所和处置期限",
            },
            {
                "name": "运输车辆行驶证及运输合同",
                "issuer": "运输单位",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "消纳场所受纳协议",
                "issuer": "消纳单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "建筑工程施工许可证",
                "issuer": "住建部门",
                "originals": 0,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "ELECTRONIC",
                "source": "SHARED",
                "form": None,
                "notes": "通过电子证照库或部门共享获取，申请人无需提交纸质材料",
                "standard": "",
            },
        ],
        "fees": [
            {
                "name": "建筑垃圾处置费",
                "kind": "PER_UNIT",
                "amount": "3.00",
                "unit": "立方米",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《城市建筑垃圾管理规定》（建设部令第139号）；城市垃圾处理费（建筑垃圾处置费）"
                    "按省价格、财政部门核定的标准执行"
                ),
                "waivable": False,
                "waiver_basis": "",
            },
        ],
    },
    {
        "department": "城管",
        "name": "占用、挖掘城市道路审批",
        "basic_code": "0100002001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "JOINT",
        "co_departments": ["公安"],
        "legal_basis": (
            "《城市道路管理条例》（国务院令第198号）第三十条、第三十一条、第三十三条、第三十七条。"
        ),
        "conditions": (
            "1. 因工程建设、管线施工等特殊情况确需临时占用或者挖掘城市道路。\n"
            "2. 挖掘城市道路的，已取得规划部门批准文件和有关设计文件。\n"
            "3. 有施工方案、交通疏导方案和安全防护措施。\n"
            "4. 新建、扩建、改建的城市道路交付使用后5年内、大修的城市道路竣工后3年内不得挖掘；"
            "因特殊情况需要挖掘的，须经市人民政府批准。"
        ),
        "procedure": (
            "1. 申请：到综合受理窗口提交占用、挖掘城市道路申请。\n"
            "2. 并联审查：城管部门审查占用挖掘方案，同步推送公安交警部门审查交通组织方案。\n"
            "3. 缴费：按核定的面积和期限缴纳城市道路占用费、挖掘修复费。\n"
            "4. 决定：双方审查同意的，核发占用、挖掘城市道路许可。\n"
            "5. 施工修复：按批准的位置、面积、期限施工，完工后清理现场，恢复路面或由市政部门统一修复。"
        ),
        "statutory": (
            20,
            "WORKING_DAYS",
            "自受理之日起20个工作日（《中华人民共和国行政许可法》第四十二条）",
        ),
        "promised": (5, "WORKING_DAYS", ""),
        "steps": [
            ("受理", 0, None),
            ("占用挖掘方案审查", 2, None),
            ("交通组织方案审查", 2, "公安"),
            ("决定发证", 1, None),
        ],
        "service_objects": ["2", "3", "6"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 1,
        "result_name": "占用、挖掘城市道路许可证",
        "faq": [
            (
                "还需要单独去交警部门审批吗？",
                "不需要。窗口同步推送公安交警部门并联审查交通组织方案，一次提交、一次取件。",
            ),
        ],
        "keywords": ["占道", "挖路", "道路开挖", "临时占道", "管线施工"],
        "themes": ["工程建设", "公用事业"],
        "materials": [
            {
                "name": "占用、挖掘城市道路申请表",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "加盖公章",
            },
            {
                "name": "规划批准文件及设计文件",
                "issuer": "自然资源部门、设计单位",
                "originals": 1,
                "copies": 1,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "挖掘城市道路的提交",
                "standard": "",
            },
            {
                "name": "施工方案及交通疏导方案",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "明确施工期限、安全防护和交通组织措施",
            },
            {
                "name": "占用、挖掘位置平面示意图",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "标明位置、尺寸和面积",
                "standard": "",
            },
        ],
        "fees": [
            {
                "name": "城市道路占用费",
                "kind": "PER_UNIT",
                "amount": "0.80",
                "unit": "平方米·日",
                "min": None,
                "max": None,
                "tiers": None,
                "basis": (
                    "《城市道路管理条例》（国务院令第198号）第三十七条；"
                    "收费标准按辽宁省核定的城市道路占用费、挖掘修复费标准执行"
                ),
                "waivable": False,
                "waiver_basis": "",
            },
            {
                "name": "城市道路挖掘修复费",
                "kind": "RANGE",
                "amount": None,
                "unit": "平方米",
                "min": "150.00",
                "max": "420.00",
                "tiers": None,
                "basis": (
                    "《城市道路管理条例》（国务院令第198号）第三十七条；"
                    "收费标准按辽宁省核定的城市道路占用费、挖掘修复费标准执行，按人行道、水泥混凝土路面、"
                    "沥青混凝土路面等结构类型分别计收"
                ),
                "waivable": False,
                "waiver_basis": "",
            },
        ],
    },
    # ---- 气象（市气象局）----------
    {
        "department": "气象",
        "name": "雷电防护装置设计审核",
        "basic_code": "0100001001",
        "variant": "NEW",
        "type": "01",
        "case_kind": "PROMISED",
        "co_departments": [],
        "legal_basis": (
            "1. 《中华人民共和国气象法》第三十一条。\n"
            "2. 《气象灾害防御条例》（国务院令第570号）第二十三条、第二十四条。\n"
            "3. 《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）第378项。\n"
            "4. 《国务院关于优化建设工程防雷许可的决定》（国发〔2016〕39号）。"
        ),
        "conditions": (
            "1. 属于油库、气库、弹药库、化学品仓库、烟花爆竹、石化等易燃易爆建设工程和场所，"
            "雷电易发区内的矿区、旅游景点或者投入使用的建（构）筑物、设施等需要单独安装雷电防护装置的场所，"
            "以及雷电风险高且没有防雷标准规范、需要进行特殊论证的大型项目。\n"
            "2. 雷电防护装置设计由具有相应资质的单位承担，设计文件符合国家防雷技术标准。\n"
            "3. 房屋建筑和市政基础设施工程的防雷设计纳入施工图审查，不适用本事项。"
        ),
        "procedure": (
            "1. 申请：通过辽宁省气象行政审批系统或气象窗口提交申请。\n"
            "2. 受理：材料齐全、符合法定形式的予以受理。\n"
            "3. 技术审查：对设计文件进行技术审查。\n"
            "4. 决定：符合要求的出具雷电防护装置设计核准意见书。"
        ),
        "statutory": (20, "WORKING_DAYS", "自受理之日起20个工作日内完成审核"),
        "promised": (10, "WORKING_DAYS", ""),
        "steps": [("受理", 0, None), ("技术审查", 6, None), ("决定", 1, None), ("发文", 1, None)],
        "service_objects": ["2", "3", "6"],
        "handling_forms": ["WINDOW", "WEB"],
        "online": True,
        "appointment": True,
        "visits": 0,
        "result_name": "雷电防护装置设计核准意见书",
        "faq": [
            (
                "普通住宅楼的防雷设计要到气象部门审核吗？",
                "不需要。房屋建筑工程和市政基础设施工程的防雷装置设计审核已整合纳入住建部门施工图审查。",
            ),
        ],
        "keywords": ["防雷", "雷电防护", "避雷", "防雷审核"],
        "themes": ["工程建设"],
        "materials": [
            {
                "name": "雷电防护装置设计审核申请书",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": [
                    "申请单位",
                    "项目名称",
                    "项目地址",
                    "项目类别",
                    "设计单位",
                    "设计单位资质证书编号",
                    "联系人",
                    "联系电话",
                ],
                "notes": "",
                "standard": "内容完整，加盖公章",
            },
            {
                "name": "设计单位和人员的资质证和资格证书",
                "issuer": "设计单位",
                "originals": 1,
                "copies": 1,
                "necessity": "REQUIRED",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "雷电防护装置设计说明书和设计图纸",
                "issuer": "设计单位",
                "originals": 1,
                "copies": 0,
                "necessity": "REQUIRED",
                "medium": "BOTH",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
            {
                "name": "设计中所采用的防雷产品相关说明",
                "issuer": "申请单位",
                "originals": 1,
                "copies": 0,
                "necessity": "OPTIONAL",
                "medium": "PAPER",
                "source": "APPLICANT",
                "form": None,
                "notes": "",
                "standard": "",
            },
        ],
        "fees": [],
    },
]
