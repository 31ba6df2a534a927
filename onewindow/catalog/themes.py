"""The guide's life-event and business-event themes (主题), loaded by a data migration. The office
can add or rename themes in the admin; items link to them by id."""

PEOPLE = (
    "生育收养",
    "户籍办理",
    "婚姻登记",
    "教育培训",
    "就业创业",
    "社会保障",
    "医疗卫生",
    "住房保障",
    "交通出行",
    "证件办理",
    "退休养老",
    "死亡殡葬",
    "公用事业",
)
COMPANIES = (
    "企业开办",
    "工程建设",
    "准营准办",
    "税费缴纳",
    "人力资源",
    "交通运输",
    "农林牧渔",
    "不动产",
    "年检年报",
    "企业注销",
)
