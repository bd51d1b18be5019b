//! The subject rules, pinned as a table: `check(sentence, quote, subject)`
//! extracts a one-sentence document and asserts the subject of the target whose
//! quote holds `quote`. Sentences are written in the genre's forms (work reports
//! and education plans of any province), not copied from the gold documents.

use std::sync::LazyLock;

use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn check(sentence: &str, quote: &str, subject: &str) {
    let text = format!("关于印发工作要点的通知\n\n{sentence}\n");
    let doc = EXTRACTOR.extract(text.as_bytes(), "subjects.txt").unwrap();
    let t = doc.targets.iter().find(|t| t.quote.contains(quote)).unwrap_or_else(|| {
        panic!(
            "no target quoting 「{quote}」 in 「{sentence}」: {:?}",
            doc.targets.iter().map(|t| &t.quote).collect::<Vec<_>>()
        )
    });
    assert_eq!(t.subject, subject, "「{sentence}」 quote 「{quote}」");
}

/// Before a level word (`达`, `稳定在`) the clause names an indicator: a verb
/// inside it (`投入`, `完成`, `收集`) is part of the name, not the action.
#[test]
fn a_verb_inside_an_indicator_name_stays_in_the_subject() {
    check("全省研发经费投入强度达2.8%左右。", "2.8%", "全省研发经费投入强度");
    check("市重点项目完成投资达1200亿元。", "1200亿元", "市重点项目完成投资");
    check("农村生活污水集中收集率稳定在90%以上。", "90%", "农村生活污水集中收集率");
}

/// Words jieba tags as verbs that name what a thing is for or of (`学前`,
/// `停车`, `排放`) stay in the noun phrase: the action is the verb before it.
#[test]
fn a_verb_that_names_what_a_thing_is_for_stays_in_it() {
    check("全市学前三年毛入园率达到95%以上。", "95%", "全市学前三年毛入园率");
    check("新增公共停车泊位5000个。", "5000个", "公共停车泊位");
    check("淘汰国三及以下排放标准营运柴油货车2万辆。", "2万辆", "国三及以下排放标准营运柴油货车");
    check("每生每年至少接受1次心理健康测评。", "1次", "心理健康测评");
}

/// An expectation (`预计`, `有望`) or a threshold crossed (`连跨`, `迈上`)
/// between the indicator and its figure is not part of the indicator's name.
#[test]
fn an_expectation_or_a_threshold_crossed_is_not_in_the_name() {
    check("全年粮食产量预计达到1300万吨。", "1300万吨", "粮食产量");
    check("全省常住人口城镇化率有望提高到70%。", "70%", "全省常住人口城镇化率");
    check("全市经济总量连跨3000亿元、4000亿元两个台阶。", "3000亿元", "全市经济总量");
    check("地区生产总值迈上2万亿元台阶。", "2万亿元", "地区生产总值");
}

/// A bare head of one or two characters after a verb takes the noun phrase
/// before the verb; a scope alone (`全市`) is not taken.
#[test]
fn a_bare_head_takes_the_phrase_before_its_verb() {
    check("城镇新增就业60万人以上。", "60万人", "城镇新增就业");
    check("实际使用外资300亿元。", "300亿元", "实际使用外资");
    check("全市新增学位3000个。", "3000个", "学位");
    check("新建新教学空间1000个。", "1000个", "新教学空间");
}

/// A count that opens its clause, before the clause's verb, counts what the
/// predicate describes; in a list the predicate after the last element is shared.
/// (A copula, `为`/`是`, does not describe: see `predicate_after`.)
#[test]
fn a_count_opening_its_clause_takes_its_predicate() {
    check("4个园区入选国家级绿色工业园区名单。", "4个园区", "入选国家级绿色工业园区名单的园区");
    check(
        "12所高校、30个学科入选国家一流学科建设名单。",
        "12所高校",
        "入选国家一流学科建设名单的高校",
    );
    check(
        "12所高校、30个学科入选国家一流学科建设名单。",
        "30个学科",
        "入选国家一流学科建设名单的学科",
    );
    check("5位专家被评为全国教书育人楷模。", "5位专家", "被评为全国教书育人楷模的专家");
    // Verbs jieba's dictionary tags as nouns (`亮相`, `升格`, `落地`).
    check("2个典型案例亮相全国生态文明论坛。", "2个", "亮相全国生态文明论坛的典型案例");
    check("3所高职院校升格本科。", "3所", "升格本科的高职院校");
    check("12个项目落地开工。", "12个", "落地开工的项目");
    // The count follows the clause's verb: the noun after the measure word.
    check("建立10个教科研项目实验室。", "10个", "教科研项目实验室");
}

/// A change verb stands alone: the indicator before it is the subject, whole
/// (`公共`, `人均` are not cut at `共`, `均`), without a starting level's `从`,
/// a mode's `按`, or a span before the verb (`连续5年`, `五年`, `首次`, `合计`).
#[test]
fn an_indicator_before_its_change_stays_whole() {
    check("全年城乡居民人均可支配收入增长5.5%。", "5.5%", "城乡居民人均可支配收入");
    check("全市一般公共预算收入增长3%左右。", "3%", "全市一般公共预算收入");
    check("城市燃气普及率从82%提高到95%。", "82%", "城市燃气普及率");
    check("城市燃气普及率从82%提高到95%。", "95%", "城市燃气普及率");
    check("地区生产总值按增长6%安排。", "6%", "地区生产总值");
    check("空气质量优良天数比率连续5年保持90%以上。", "90%", "空气质量优良天数比率");
    check("国有企业资产总额五年增长40%。", "40%", "国有企业资产总额");
    check("高新技术产品出口占比首次超过30%。", "30%", "高新技术产品出口占比");
    check("限额以上商超零售额合计增长12%。", "12%", "限额以上商超零售额");
}

/// A work named after its object (`改造`, `提升`) with a count right after it
/// is the subject with its object; a governing verb before them (`完成`,
/// `推动`) is not.
#[test]
fn a_counted_work_is_named_with_its_object() {
    check("完成危旧房改造3200户。", "3200户", "危旧房改造");
    check("推动乡村庭院风貌提升1.2万户。", "1.2万户", "乡村庭院风貌提升");
    // A verb right before the figure names it, unless it sets or reaches a level.
    check("全市技术合同成交2000亿元。", "2000亿元", "全市技术合同成交");
    check("县域医共体床位增至3000张。", "3000张", "县域医共体床位");
    check("中小学生睡眠时间不得低于9小时。", "9小时", "中小学生睡眠时间");
    // Change verbs and shares keep the plain indicator.
    check("全市中小学生近视率下降1个百分点。", "1个百分点", "全市中小学生近视率");
}

/// Short modifiers before `分别` share the head of the last element of the list,
/// which starts after that element's first word.
#[test]
fn short_modifiers_share_the_head_of_the_last_element() {
    check("工业、农业、服务业用水量分别下降5%、3%、2%。", "5%", "工业用水量");
    check("工业、农业、服务业用水量分别下降5%、3%、2%。", "3%", "农业用水量");
    check("工业、农业、服务业用水量分别下降5%、3%、2%。", "2%", "服务业用水量");
}

/// A word that names two things (`城乡`, `存贷款`, `进出口`) before `分别` gives
/// each value one of them, in order; a next clause of only a change word and
/// as many values goes on with that list.
#[test]
fn a_paired_word_before_respectively_gives_each_value_its_part() {
    let s = "全市城乡居民人均可支配收入分别达5.2万元、2.8万元，增长5.1%、6.3%。";
    check(s, "5.2万元", "全市城镇居民人均可支配收入");
    check(s, "2.8万元", "全市农村居民人均可支配收入");
    check(s, "5.1%", "全市城镇居民人均可支配收入");
    check(s, "6.3%", "全市农村居民人均可支配收入");
    let s = "金融机构人民币存贷款余额分别增长8%和9%。";
    check(s, "8%", "金融机构人民币存款余额");
    check(s, "9%", "金融机构人民币贷款余额");
    // A list of its own is split by its `、`, not by the paired word in it.
    let s = "城乡低保标准、特困供养标准分别提高6%、8%。";
    check(s, "6%", "城乡低保标准");
}

/// Times (`次`) with a verb right after them count that event, after the one
/// who acts when a name stands right before the figure.
#[test]
fn times_of_an_event_count_the_event() {
    let s = "国务院总理三次来省调研、两次主持召开专题会议。";
    check(s, "三次", "国务院总理来省调研");
    check(s, "两次", "主持召开专题会议");
    check("全年召开3次常务会议。", "3次", "常务会议");
}

/// A count of people without a measure word (`targets.md` §3) counts the noun after it.
#[test]
fn a_count_of_people_counts_the_noun_after_it() {
    check("累计惠及近80万农村群众。", "80万", "农村群众");
}

/// A share written as what it is a share of is named as the share.
#[test]
fn a_share_is_named_as_a_share() {
    check("新能源汽车产量占全国15%。", "15%", "新能源汽车产量占全国比重");
    check("高新技术产业产值占规上工业比重达45%。", "45%", "高新技术产业产值占规上工业比重");
}

/// A measure alone before a figure with `的` after it (`总规模…的基金`) measures
/// the noun phrase after `的`; a bound there (`以上`) names a class, and keeps
/// the phrase before the figure.
#[test]
fn a_measure_before_de_measures_what_follows() {
    check("设立总规模200亿元的市产业转型升级引导基金。", "200亿元", "市产业转型升级引导基金总规模");
    check("建成全长86公里的环湖绿道。", "86公里", "环湖绿道全长");
    check("加快建设全长180公里的沿江高铁。", "180公里", "沿江高铁全长");
    check("对单户担保金额300万元以上的小微企业降低担保费率。", "300万元", "单户担保金额");
}

/// After a count, a measure of the same things (`总量`, `总数`) is that
/// measure of them; a verb inside a place's name (`验证中心`, `集聚区`) stays in it.
#[test]
fn measures_and_names_of_places_keep_their_noun() {
    check("新增专精特新企业120家、总量达860家。", "860家", "专精特新企业总量");
    // In a later clause of the sentence too, when the measure opens the clause.
    check("新增市场主体12万户、增长8%，总量达95万户。", "95万户", "市场主体总量");
    check("新增市场主体12万户，企业总量达95万户。", "95万户", "企业总量");
    check("新建6家市级中试验证中心。", "6家", "市级中试验证中心");
    // jieba tags `通道` a verb; the domain dictionary makes it the noun it is here.
    check("开通国际物流通道5条。", "5条", "国际物流通道");
}

/// A figure after a count whose noun follows its measure word: with only a level
/// word between, the clause's topic is its subject; with a predicate between,
/// the counted noun is the topic (`N个省重点项目完成投资…`).
#[test]
fn a_level_after_a_counted_noun_goes_back_to_the_topic() {
    let s = "全省进出口总额连续跨上3个千亿元台阶、达9200亿元，外贸主体更加多元。";
    check(s, "9200亿元", "全省进出口总额");
    check("820个市重点项目完成投资3100亿元。", "3100亿元", "市重点项目完成投资");
}

/// A rate against a base (`B的N%`, `B的N倍`) compares a thing with the base:
/// the subject names both, as a share (`A占B比重`, as a share the text writes
/// with `占` is named) or, for a multiple or a level set beside the base
/// (`倍`, `约为`), as a ratio (`A与B之比`). A is what stands before the link
/// word (or the element of a `分别` list, whose later values share the base);
/// at a rate (`按…的N%配备X`), what is provided at it. Other figures keep
/// their rules.
#[test]
fn a_rate_against_a_base_names_both() {
    check(
        "到2027年，全市中小学艺术课程课时总量不低于总课时的10%。",
        "10%",
        "全市中小学艺术课程课时总量占总课时比重",
    );
    check(
        "特困人员基本生活保障标准不低于当地最低生活保障标准的1.3倍。",
        "1.3倍",
        "特困人员基本生活保障标准与当地最低生活保障标准之比",
    );
    check("全省人均可支配收入约为全国平均的1.2倍。", "1.2倍", "全省人均可支配收入与全国平均之比");
    check(
        "单位地区生产总值能耗、主要污染物排放强度分别约为全国平均的70%、60%。",
        "60%",
        "主要污染物排放强度与全国平均之比",
    );
    check(
        "高等学校按在校学生总数的0.2%配备公共艺术课程教师。",
        "0.2%",
        "高等学校公共艺术课程教师占在校学生总数比重",
    );
    // `鼓励` governs who does it: the schools, not the encouraging.
    check("鼓励有条件的学校按总课时的12%开设劳动课程。", "12%", "有条件的学校劳动课程占总课时比重");
    check(
        "各地按照不低于当年土地出让收益的10%提取农田水利建设资金。",
        "10%",
        "各地农田水利建设资金占当年土地出让收益比重",
    );
    // Not a rate of a base: a share keeps its own name; a rate that is paid
    // to someone (`预付给`) names no thing provided, and keeps the old reading.
    check(
        "数字经济核心产业增加值占地区生产总值的12%。",
        "12%",
        "数字经济核心产业增加值占地区生产总值比重",
    );
    check("专职教师人数不低于50%。", "50%", "专职教师人数");
    let text = "关于印发工作要点的通知\n\n医保基金按不低于采购金额的30%提前预付给医疗机构。\n";
    let doc = EXTRACTOR.extract(text.as_bytes(), "subjects.txt").unwrap();
    assert!(doc.targets.iter().all(|t| !t.subject.contains("预付")), "{:?}", doc.targets);
}

/// A sentence that opens with the kind of school it rules on (`普通高中要…`,
/// `中等职业学校在…`) scopes what it counts: a subject naming no kind of school
/// of its own takes the topic. Not a topic: every school (`各学校要`), a bare
/// `学校`, a phrase that goes on past the kind (`…学校美育课程要`).
#[test]
fn a_kind_of_school_opening_the_sentence_scopes_its_counts() {
    check(
        "普通高中要开齐开足艺术课程，确保艺术类必修课程不少于6个学分。",
        "6个学分",
        "普通高中艺术类必修课程",
    );
    check(
        "中等职业学校在落实公共基础课程的基础上，劳动教育课程不少于16个学时。",
        "16个学时",
        "中等职业学校劳动教育课程",
    );
    check("城区幼儿园应配备保健医生，每班幼儿不超过30人。", "30人", "城区幼儿园每班幼儿");
    // Its own kind of school: the subject keeps it.
    check(
        "义务教育阶段学校要加强美育工作，初中阶段艺术课程课时不低于总课时的10%。",
        "10%",
        "初中阶段艺术课程课时占总课时比重",
    );
    check("各中小学校要加强心理健康教育，配备心理健康教师不少于1名。", "1名", "心理健康教师");
    check("学校每年应举办一次学生广泛参与的艺术节。", "一次", "艺术节");
    check(
        "义务教育阶段学校美育课程要注重培养兴趣，帮助学生形成一两项艺术特长和爱好。",
        "一两项",
        "艺术特长和爱好",
    );
}

/// What a classifier counts, in the forms reports write it: an age before the
/// noun is part of it; a list of kinds before `等` counts its head; a unit
/// with an alternative in brackets counts the noun after both; a bracket that
/// explains (`含`, `包括`) names nothing counted, and the noun before stands;
/// a bound on the count (`超`) is no predicate of the clause.
#[test]
fn a_classifier_counts_the_noun_after_its_notes() {
    check("全年惠及超30万名3岁以下婴幼儿。", "30万名", "3岁以下婴幼儿");
    check("为超1万名视力、听力等残疾儿童提供康复训练。", "1万名", "提供康复训练的残疾儿童");
    check("新建超50条（个）美丽河湖。", "50条", "美丽河湖");
    check("改造危旧桥梁120座（含“渡改桥”工程）。", "120座", "危旧桥梁");
    check("超3个县（市、区）开展全域美丽河湖建设。", "3个县", "开展全域美丽河湖建设的县（市、区）");
}

/// A modifier jieba tags as a verb (`公立`, `散居`) stays in the noun; `在` ends
/// a counted noun and may open the predicate that describes it; a rate per
/// person (`从每人每月`) is no part of the subject.
#[test]
fn where_a_counted_noun_ends() {
    check("全省有30家三级公立综合医院。", "30家", "三级公立综合医院");
    check("2000万名外来务工人员在省内稳定就业。", "2000万名", "在省内稳定就业的外来务工人员");
    check("散居孤儿从每人每月1500元提高到1600元。", "1500元", "散居孤儿");
    // So does a word of manner before the verb (`免费提供`): it goes with the
    // predicate.
    check("为超2万名残疾儿童免费提供康复救助服务。", "2万名", "免费提供康复救助服务的残疾儿童");
    // A bound on the next count (`近300万`) ends it.
    check("累计惠及80个乡镇近300万群众。", "80个", "乡镇");
    // Digits in a name written with Latin letters do not end it.
    check("全省新增20家国家级5G工厂。", "20家", "国家级5G工厂");
    check("新建12个PM2.5自动监测站。", "12个", "PM2.5自动监测站");
}

/// A verb inside a quoted name (`“希望之星班”`, `“跑起来”`) is part of the name,
/// not the action; a quote left open by scraped text does not hide the verbs
/// of the clauses after it.
#[test]
fn a_verb_inside_a_quoted_name_stays_in_it() {
    check("新组建“名师工作室”8个、“希望之星班”12个。", "12个", "“希望之星班”");
    check("新增5个公共数据“跑起来”示范场景。", "5个", "公共数据“跑起来”示范场景");
    check("推进“最多跑一次改革，建立10个教科研项目实验室。", "10个", "教科研项目实验室");
}

/// A counted noun that acts on something (`对`, `向`) before a `的`: the
/// figure counts the actors, not the action after `的`. `对` inside a word
/// (`对外`, `对标`) is no preposition and stays in the subject.
#[test]
fn a_counted_noun_acting_on_something_is_the_subject() {
    check("强化8所师范（教师教育）院校对县域基础教育的纵向帮扶。", "8所", "师范（教师教育）院校");
    check("组织500名骨干教师对乡村学校的送教帮扶。", "500名", "骨干教师");
    check("引导40所高校向社会开放的体育场馆。", "40所", "高校");
    check("培育60个对外开放的合作平台。", "60个", "对外开放的合作平台");
    check("建成6个对标国际一流的产业园区。", "6个", "对标国际一流的产业园区");
}

/// A counted noun with a predicate of its own (`8个乡镇完成…改造`) ends its
/// clause; a `的` in the next clause (`全面改善…的整体质量`) describes something
/// else. A next clause that goes on describing (`具有…的班主任`) still gives the
/// phrase after its `的`.
#[test]
fn a_counted_noun_with_its_own_predicate_ends_at_the_comma() {
    check(
        "力争8个乡镇完成污水管网改造，全面改善农村人居环境的整体质量。",
        "8个",
        "完成污水管网改造的乡镇",
    );
    check("新增15家企业入选国家级专精特新名单，带动产业链上下游的协同发展。", "15家", "企业");
    check("评选300名模范遵守师德规范,具有突出育人成效的班主任。", "300名", "班主任");
}

/// A passive `被` right after the counted noun opens its predicate, even where
/// the tagger makes the verb a noun (`命名`): the subject is what the
/// predicate describes.
#[test]
fn a_passive_predicate_after_the_counted_noun_describes_it() {
    check("全市4个街道被命名为“全国文明街道”。", "4个", "被命名为“全国文明街道”的街道");
    check("今年3所学校被评为省级示范学校。", "3所", "被评为省级示范学校的学校");
}

/// In a list joined by `和`, every counted noun shares the predicate after the
/// last one; an adverb before the verb (`新获评`) belongs to the predicate.
#[test]
fn a_list_joined_by_he_shares_its_predicate() {
    check("3个乡镇和2个街道新获评省级卫生镇（街道）。", "3个", "新获评省级卫生镇（街道）的乡镇");
    check("3个乡镇和2个街道新获评省级卫生镇（街道）。", "2个", "新获评省级卫生镇（街道）的街道");
    check("6所小学和4所初中被认定为市级特色学校。", "6所", "被认定为市级特色学校的小学");
}

/// A clause with nothing before its figure but a level word (`达到`) or a
/// change measured from a base (`较上年增加`, `同比增长`) measures what the
/// clause before it named.
#[test]
fn a_clause_with_only_a_level_or_a_based_change_keeps_the_subject_before_it() {
    check("全市地区生产总值增长6.1%，达到8200亿元。", "8200亿元", "全市地区生产总值");
    check("全市职业教育专项资金不少于2000万元，较上年增加10%。", "10%", "全市职业教育专项资金");
    check("全县社会消费品零售总额128亿元，同比增长4.5%。", "4.5%", "全县社会消费品零售总额");
    check("全县社会消费品零售总额128亿元，比上年增长4.5%。", "4.5%", "全县社会消费品零售总额");
    // A name that starts with 比 is no base: the clause names its own subject.
    check("全市新建绿色建筑120万平方米，比例提高5个百分点。", "5个百分点", "绿色建筑比例");
    // So does a clause with only its year (a schedule of one figure a year).
    check("2025年新建改扩建公办幼儿园10所，2026年15所。", "15所", "公办幼儿园");
    check("2025年招聘教师500名，到2027年底1000名。", "1000名", "教师");
}

/// A list of indicators written `name：value` (`1.学前三年毛入园率：2025年达到99%。`):
/// the label before the colon names what is counted, the item's marker left out.
#[test]
fn an_indicators_label_before_a_colon_is_its_subject() {
    check("1.学前三年毛入园率：2025年达到99%。", "99%", "学前三年毛入园率");
    check("义务教育巩固率：100%。", "100%", "义务教育巩固率");
    // A label that states a figure of its own is no name.
    check("新增学位1万个：其中小学6000个。", "6000个", "小学");
}

/// A share in tenths (`七成`) is a rate: the verb before it changes the share
/// and is no part of its name; a phrase does not open with `的`.
#[test]
fn a_share_in_tenths_is_named_as_a_share() {
    check("优质高中学位占比提升至七成以上。", "七成", "优质高中学位占比");
    check("三分之二以上的学校建成智慧校园。", "三分之二", "学校");
}

/// A short element of a list shares the head before it (`初中7-8所、小学19所`)
/// only when it has no verb of its own.
#[test]
fn a_list_element_with_its_own_verb_keeps_its_own_subject() {
    check("新建初中7-8所、小学19所。", "19所", "小学");
    check("实施市级重点项目300个、完成投资1200亿元以上。", "1200亿元", "投资");
}
