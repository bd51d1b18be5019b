#!/usr/bin/env python3
# Run from fuzz/: python3 mkdict.py
# Generates fuzz/text.dict and fuzz/docx.dict (libFuzzer wants non-ASCII bytes escaped).
def esc(b):
    if isinstance(b, str): b = b.encode('utf-8')
    return '"' + ''.join(chr(x) if 0x20 <= x < 0x7f and chr(x) not in '"\\' else '\\x%02X' % x for x in b) + '"'

def write(path, header, toks):
    seen, lines = set(), [header]
    for t in toks:
        k = t.encode() if isinstance(t, str) else t
        if k in seen or not k: continue
        seen.add(k); lines.append(esc(k))
    open(path, 'w').write('\n'.join(lines) + '\n')

text = """第一章 第二章 第十二章 第一节 第二节 一、 二、 十、 （一） （二） (一) (二) 1. 2. 1、 10. １． （1） (1) （10） ① ② ⑩ ⑴ 一是 二是 其一
到2025年 到2035年 2025年 2020年 “十四五” 十四五 期间 年底前 年内 以前 每年 年均 累计 力争 确保 争取 全面 基本
％ % 个百分点 万元 亿元 元 万人 人次 名 所 个 家 项 座 公里 平方米 亩 吨 户 套 千瓦 万千瓦 倍 成 分之 百分之 千分之
不少于 不低于 不超过 达到 达 提高 提高到 提升 增长 增加 新增 降低 下降 减少 控制在 以上 以下 以内 左右 约 近 超过 突破 翻一番
零 一 二 三 四 五 六 七 八 九 十 百 千 万 亿 两 〇 ０ ５ ９ ， 、 ； 。 ： ～ — - . 0.5 1.5 3.14 100 2000 12345
附件 附件1 附件： 牵头 牵头单位 责任单位 配合单位 责任部门 市教委 市发展改革委 各区政府 区人民政府 负责 完成时限 时间 工作内容 序号 月份
发布日期 发布时间 发文日期 成文日期 文号 索引号 发文机关 主题分类 来源 作者 〔2018〕 〔2021〕12号 [2018] 京政发 国办发 号 关于印发 的通知 通知 实施方案 规划 意见 办法
第1页 第2页 共3页 -1- —2— 14、 (略) （略） 分享到 打印 关闭 字号 大 中 小 微信 微博 【 】 扫一扫 当前位置 首页 >""".split()
text += ["- 1 -", "第 1 页", "\t", "\r\n", "\n\n", "\u3000", "\u00a0", "\ufeff", " ", "\x0c", "\x1b", "\ufffd",
         b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\n", b"\n\x00", b"\x00", b"\x80", b"\xa1\xa1"]
write('text.dict', "# libFuzzer dictionary for the `text` target: the markers the extractor looks for (generated, UTF-8 escaped).", text)

xml = '''<w:p>|</w:p>|<w:p/>|<w:r>|</w:r>|<w:t>|</w:t>|<w:t xml:space="preserve">|<w:tbl>|</w:tbl>|<w:tr>|</w:tr>|<w:tc>|</w:tc>|<w:tcPr>|</w:tcPr>|<w:gridSpan w:val=|<w:vMerge/>|<w:vMerge w:val="restart"/>|<w:vMerge w:val="continue"/>|<w:tblGrid>|<w:gridCol/>|<w:pPr>|</w:pPr>|<w:rPr>|</w:rPr>|<w:numPr>|</w:numPr>|<w:ilvl w:val=|<w:numId w:val=|<w:ins w:id="1">|</w:ins>|<w:del w:id="2">|</w:del>|<w:delText>|<w:moveFrom>|<w:moveTo>|<w:pStyle w:val=|<w:outlineLvl w:val=|<w:abstractNum w:abstractNumId=|<w:abstractNumId w:val=|</w:abstractNum>|<w:num w:numId=|</w:num>|<w:lvl w:ilvl=|</w:lvl>|<w:lvlText w:val=|<w:numFmt w:val=|<w:start w:val=|<w:lvlRestart w:val=|<w:lvlOverride w:ilvl=|<w:startOverride w:val=|<w:suff w:val=|<w:isLgl/>|<w:numStyleLink w:val=|<w:styleLink w:val=|<w:style w:type="paragraph" w:styleId=|</w:style>|<w:name w:val=|<w:basedOn w:val=|<w:body>|</w:body>|<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">|</w:document>|<w:styles>|</w:styles>|<w:numbering>|</w:numbering>|<w:tab/>|<w:br/>|<w:br w:type="page"/>|<w:cr/>|<w:sym w:char=|<w:noBreakHyphen/>|<w:softHyphen/>|<w:vanish/>|<w:fldSimple w:instr=|<w:fldChar w:fldCharType="begin"/>|<w:fldChar w:fldCharType="separate"/>|<w:fldChar w:fldCharType="end"/>|<w:instrText>|<w:hyperlink>|<w:sdt>|<w:sdtContent>|<mc:AlternateContent>|<mc:Choice Requires="wps">|<mc:Fallback>|<w:txbxContent>|<w:commentReference w:id=|<w:footnoteReference w:id=|<w:sectPr>|<w:smartTag>|<w:customXml>|<w:bookmarkStart/>|w:val="0"|w:val="1"|w:val="2"|w:val="8"|w:val="9"|w:val="-1"|w:val="99999999"|w:val="true"|w:val="false"|"decimal"|"chineseCounting"|"chineseCountingThousand"|"taiwaneseCountingThousand"|"ideographTraditional"|"ideographDigital"|"decimalEnclosedCircle"|"decimalEnclosedParen"|"decimalFullWidth"|"upperLetter"|"lowerLetter"|"upperRoman"|"lowerRoman"|"bullet"|"none"|"%1."|"%1、"|"（%1）"|"(%1)"|"第%1章"|"%1.%2"|"%1.%2.%3"|"%9"|"Heading1"|"heading 1"|"标题 1"|"Title"|xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"|xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"|<?xml version="1.0" encoding="UTF-8"?>|<!DOCTYPE|<![CDATA[|]]>|<!--|-->|&amp;|&lt;|&#x4E00;|&#12345;|&#0;|/>|">|w:id=|w:author=|一、|（一）|1.|①|到2025年|％|万元|牵头单位'''.split('|')
xml += [b"\xff", b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"word/document.xml", b"word/numbering.xml", b"word/styles.xml", b"_rels/.rels"]
write('docx.dict', "# libFuzzer dictionary for the `docx` and `docx_xml` targets: WordprocessingML the reader handles (generated, UTF-8 escaped); \\xFF separates the docx_xml parts.", xml)
