#!/usr/bin/env python3
"""Builds the catalogue fixtures (GBK pages, GB18030 CSV, XLSX) from the UTF-8 text in this script.

Run from anywhere: python3 Fixtures/portals/catalogues/generate.py. The outputs are committed, so the
tests never need Python; this script documents how the binary fixtures were made.
"""
import os, zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

def write(rel, data):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)

# --- Shanghai: a GBK HTML table, charset only in <meta>, with a banner row, a two-row header
# (rowspan + colspan), a category column spanning rows, <br> and nested tags in cells.
SH_HEAD = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>上海市急需紧缺职业目录</title></head>
<body><div class="content"><h2>上海市外国人来华工作急需紧缺职业目录（试行）</h2>
<table border="1" class="catalogue">
<tr><td colspan="7"><b>上海市急需紧缺职业目录（{edition}）</b></td></tr>
<tr><th rowspan="2">序号</th><th rowspan="2">行业类别</th><th rowspan="2">职业代码</th><th rowspan="2">职业名称</th>
<th colspan="2">岗位要求</th><th rowspan="2">备注</th></tr>
<tr><th>学历</th><th>工作经验</th></tr>
"""
SH_TAIL = """</table><p>注：目录自发布之日起施行。</p></div></body></html>
"""

def sh_page(edition, rows):
    out = SH_HEAD.replace("{edition}", edition)
    for r in rows:
        out += "<tr>" + "".join(r) + "</tr>\n"
    return (out + SH_TAIL).encode("gbk")

rev1 = [
    ['<td>1</td>', '<td rowspan="4">信息技术</td>', '<td>2-02-10-03</td>', '<td><span>软件工程</span>技术人员</td>', '<td>本科及以上</td>', '<td>3年</td>', '<td></td>'],
    ['<td>2</td>', '<td>2-02-10-08</td>', '<td>人工智能工程技术人员</td>', '<td>硕士及以上</td>', '<td>3年</td>', '<td>紧缺</td>'],
    ['<td>3</td>', '<td>2-02-10-09</td>', '<td>物联网工程技术人员</td>', '<td>本科及以上</td>', '<td>5年</td>', '<td></td>'],
    ['<td>4</td>', '<td>2-02-09-06</td>', '<td>集成电路工程技术人员</td>', '<td>本科及以上</td>', '<td>3年</td>', '<td></td>'],
    ['<td>5</td>', '<td rowspan="2">生物医药</td>', '<td>２－０２－３３－０２</td>', '<td>生物医药<br>工程技术人员</td>', '<td>博士</td>', '<td>2年</td>', '<td></td>'],
    ['<td>6</td>', '<td>2-05-01-01</td>', '<td>临床医师</td>', '<td>硕士及以上</td>', '<td>5年</td>', '<td>需执业资格</td>'],
    ['<td>7</td>', '<td>金融</td>', '<td>2-06-07-03</td>', '<td>金融风险管理师</td>', '<td>本科及以上</td>', '<td>5年</td>', '<td></td>'],
]
write("sh-urgent-need/catalogue.html", sh_page("2024年版", rev1))

# rev2: 2-02-10-09 removed; 2-02-10-10 added; 2-02-10-08 experience 3年 → 5年 and its note changed;
# 集成电路 moves from 2-02-09-06 to 2-02-10-11 (a re-code hint).
rev2 = [
    ['<td>1</td>', '<td rowspan="4">信息技术</td>', '<td>2-02-10-03</td>', '<td><span>软件工程</span>技术人员</td>', '<td>本科及以上</td>', '<td>3年</td>', '<td></td>'],
    ['<td>2</td>', '<td>2-02-10-08</td>', '<td>人工智能工程技术人员</td>', '<td>硕士及以上</td>', '<td>5年</td>', '<td>特别紧缺</td>'],
    ['<td>3</td>', '<td>2-02-10-10</td>', '<td>区块链工程技术人员</td>', '<td>本科及以上</td>', '<td>3年</td>', '<td>新增</td>'],
    ['<td>4</td>', '<td>2-02-10-11</td>', '<td>集成电路工程技术人员</td>', '<td>本科及以上</td>', '<td>3年</td>', '<td></td>'],
    ['<td>5</td>', '<td rowspan="2">生物医药</td>', '<td>２－０２－３３－０２</td>', '<td>生物医药<br>工程技术人员</td>', '<td>博士</td>', '<td>2年</td>', '<td></td>'],
    ['<td>6</td>', '<td>2-05-01-01</td>', '<td>临床医师</td>', '<td>硕士及以上</td>', '<td>5年</td>', '<td>需执业资格</td>'],
    ['<td>7</td>', '<td>金融</td>', '<td>2-06-07-03</td>', '<td>金融风险管理师</td>', '<td>本科及以上</td>', '<td>5年</td>', '<td></td>'],
]
write("sh-urgent-need/catalogue.r2.html", sh_page("2025年版", rev2))

# rev3: the same rows as rev2, renumbered (a row-number column only), with white space, full-width
# forms and line breaks changed inside cells: not a change.
rev3 = [
    ['<td>11</td>', '<td rowspan="4">信息 技术</td>', '<td>2-02-10-03</td>', '<td>软件工程<br/>技术人员</td>', '<td>本科及以上 </td>', '<td>３年</td>', '<td></td>'],
    ['<td>12</td>', '<td>2—02—10—08</td>', '<td>人工智能工程技术人员</td>', '<td>硕士<br>及以上</td>', '<td>5年</td>', '<td>特别紧缺</td>'],
    ['<td>13</td>', '<td>2-02-10-10</td>', '<td> 区块链工程技术人员</td>', '<td>本科及以上</td>', '<td>3 年</td>', '<td>新增</td>'],
    ['<td>14</td>', '<td>2021011</td>', '<td>集成电路工程技术人员</td>', '<td>本科及以上</td>', '<td>3年</td>', '<td></td>'],
    ['<td>15</td>', '<td rowspan="2">生物医药</td>', '<td>2-02-33-02</td>', '<td>生物医药工程技术人员</td>', '<td>博士</td>', '<td>2年</td>', '<td></td>'],
    ['<td>16</td>', '<td>2-05-01-01</td>', '<td>临床医师</td>', '<td>硕士及以上</td>', '<td>5年</td>', '<td>需执业资格</td>'],
    ['<td>17</td>', '<td>金融</td>', '<td>2-06-07-03</td>', '<td>金融风险管理师</td>', '<td>本科及以上</td>', '<td>5年</td>', '<td></td>'],
]
write("sh-urgent-need/catalogue.r3.html", sh_page("2025年版", rev3))

# --- Guangdong: a notice list (UTF-8) → a notice page → an XLSX attachment.
write("gd-notices/index.html", """<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>
<ul class="notices">
<li><a href="notice-2025-07.html">关于举办2025年人才交流会的通知</a><span>2025-07-01</span></li>
<li><a href="notice-2025-03.html">关于发布《广东省外国人来华工作指导目录（2025年）》的通知</a><span>2025-03-15</span></li>
<li><a href="notice-2024-01.html">关于发布2024年指导目录的通知</a><span>2024-01-10</span></li>
</ul></body></html>
""".encode("utf-8"))
write("gd-notices/notice-2025-03.html", """<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知</title></head><body>
<p>各有关单位：现将《广东省外国人来华工作指导目录（2025年）》印发给你们，请遵照执行。</p>
<p>附件：<a href="files/gd-catalogue-2025.xlsx">广东省外国人来华工作指导目录（2025年）.xlsx</a></p>
</body></html>
""".encode("utf-8"))

def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def xlsx(rows, merges, date_cols, inline_cells=()):
    shared, index = [], {}
    def sid(text):
        if text not in index:
            index[text] = len(shared)
            shared.append(text)
        return index[text]
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{col(c)}{r}"
            if value is None:
                continue
            if isinstance(value, (int, float)):
                style = ' s="1"' if (c in date_cols and r > 2) else ""
                cells.append(f'<c r="{ref}"{style}><v>{value}</v></c>')
            elif (r, c) in inline_cells:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{sid(value)}</v></c>')
        sheet_rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    merge_xml = ""
    if merges:
        merge_xml = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>' + "".join(sheet_rows) + '</sheetData>' + merge_xml + '</worksheet>')
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}" uniqueCount="{len(shared)}">'
           + "".join(f"<si><t>{escape(s)}</t></si>" for s in shared) + "</sst>")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="目录" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>')
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                     '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                     '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                     '</Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                 '</Relationships>')
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
                           ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels),
                           ("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", sst), ("xl/styles.xml", styles)]:
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 15, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()

# 45731 = 2025-03-15 in Excel's 1900 date system.
gd_rows = [
    ["广东省外国人来华工作指导目录（2025年）", None, None, None, None, None],
    ["序号", "类别", "职业代码", "职业名称", "岗位要求", "生效日期"],
    [1, "高端制造", "2-02-07-01", "机械设计工程技术人员", "本科及以上，3年以上经验", 45731],
    [2, None, "2-02-07-10", "智能制造工程技术人员", "本科及以上", 45731],
    [3, "信息技术", "2-02-10-03", "软件工程技术人员", "本科及以上", 45731],
    [4, None, "20210", "计算机软件工程技术人员（小类）", "硕士及以上", 45731],
    [5, "海洋经济", "2-02-22-01", "海洋工程技术人员", "本科及以上", 45731],
]
write("gd-notices/files/gd-catalogue-2025.xlsx",
      xlsx(gd_rows, ["A1:F1", "B3:B4", "B5:B6"], date_cols={5}, inline_cells={(7, 3)}))

# --- Beijing: a GB18030 CSV (with a character outside GBK), a duplicate code and a row without a key.
bj = """序号,职业代码,职业名称,要求
1,2-02-10-03,软件工程技术人员,本科及以上
2,2-02-10-08,人工智能工程技术人员,硕士及以上
3,2-02-10-08,人工智能工程技术人员（重复）,硕士及以上
4,,,见附注
5,2-09-06-01,䶮文字信息处理人员,本科及以上
"""
write("bj-csv/catalogue.csv", bj.encode("gb18030"))

# A Rivers Security-shaped bot wall served in place of the Shanghai catalogue (revision "wall").
write("sh-urgent-need/catalogue.wall.html",
      b'<html><head><meta charset="utf-8"></head><body><script type="text/javascript" r="m">'
      b'/* challenge placeholder */</script></body></html>\n')
write("sh-urgent-need/catalogue.wall.html.headers",
      b"# Rivers Security (\xe7\x91\x9e\xe6\x95\xb0) challenge shape, placeholder values (see ../../walls/).\n"
      b"Status: 412\nContent-Type: text/html; charset=utf-8\n"
      b"Set-Cookie: FSSBBIl1UgzbN7N80S=ExampleOnlyValue0002; Path=/; HttpOnly\n")
write("bj-csv/catalogue.csv.headers", b"Content-Type: text/csv; charset=gb18030\n")

# --- Hangzhou: a notice list whose notice carries the catalogue as its own table (no attachment).
write("hz-notices/index.html", """<!DOCTYPE html><html><head><meta charset="utf-8"><title>公告</title></head><body>
<ul><li><a href="2025/notice.html">杭州市急需紧缺人才职业目录（2025）</a></li></ul></body></html>
""".encode("utf-8"))
write("hz-notices/2025/notice.html", """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<p>现公布杭州市急需紧缺人才职业目录如下：</p>
<table><tr><th>No.</th><th>职业代码</th><th>职业名称</th><th>备注</th></tr>
<tr><td>1</td><td>2-02-10-03</td><td>软件工程技术人员</td><td></td></tr>
<tr><td>2</td><td>2-02-10-07</td><td>信息安全工程技术人员</td><td>新增</td></tr>
</table></body></html>
""".encode("utf-8"))
