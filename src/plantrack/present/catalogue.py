"""Every word plantrack shows a reader, in Chinese and in English, by key.

Code asks for a key (present/i18n.py `words`, `label`); it never writes a sentence itself.
A text's {placeholders} are filled from the Message's values; a brace meant literally in a
text that takes values is written {{ or }}. Help texts (help.*) and labels are shown as they
are. tests/test_catalogue.py checks that every key has both languages with the same
placeholders, and that every key the code asks for is here.
"""

from __future__ import annotations

from typing import NamedTuple


class Words(NamedTuple):
    zh: str
    en: str


CATALOGUE: dict[str, Words] = {
    # ── composing messages ──────────────────────────────────────────────────
    "at": Words(zh="{where}: {problem}", en="{where}: {problem}"),
    "in_file": Words(zh="{file}：{problem}", en="{file}: {problem}"),
    "list.separator": Words(zh="、", en=", "),
    "listing.more": Words(zh="{items} 等（另有 {hidden} 项）", en="{items} and {hidden} more"),
    "yes": Words(zh="是", en="yes"),
    "no": Words(zh="否", en="no"),
    "hint.did_you_mean": Words(zh="是否要写“{word}”？", en="did you mean '{word}'?"),
    "hint.did_you_mean_then": Words(zh="是否要写“{word}”？", en="did you mean '{word}'? "),
    "hint.check_spelling": Words(zh="请删除或检查拼写", en="remove it or check the spelling"),
    # ── the operating system's reasons ──────────────────────────────────────
    "os.permission": Words(zh="没有权限", en="permission denied"),
    "os.no_space": Words(zh="磁盘空间不足", en="no space left on the disk"),
    "os.read_only": Words(zh="只读的文件系统", en="read-only file system"),
    "os.not_found": Words(zh="找不到", en="not found"),
    "os.is_folder": Words(zh="是文件夹", en="is a folder"),
    "os.not_a_folder": Words(zh="路径中有一段不是文件夹", en="a part of the path is not a folder"),
    "os.other": Words(zh="系统错误：{detail}", en="{detail}"),
    # ── files ───────────────────────────────────────────────────────────────
    "file.broken_link": Words(
        zh="{file} 是指向 {target} 的链接，但那个文件不存在；请恢复该文件，或删除这个链接",
        en="{file} is a link to {target}, which does not exist; restore that file or remove the link",
    ),
    "register.named_missing": Words(
        zh="{plan} 的 [plan] projects 指向 {file}，但该文件不存在；请检查路径（相对于计划文件所在的文件夹），或删去这一行",
        en="{plan} names {file} in [plan] projects, and it does not exist; check the path (relative to the plan's folder) or remove that line",
    ),
    "file.not_found": Words(
        zh="{file}：找不到文件；请检查路径", en="{file}: file not found; check the path"
    ),
    "file.is_folder": Words(
        zh="{file}：是文件夹而不是文件；请给出 .toml 文件的路径",
        en="{file}: is a folder, not a file; give the path of the .toml file",
    ),
    "file.not_plain": Words(
        zh="{file}：不是普通文件（而是设备、管道或套接字）；请给出普通文件的路径",
        en="{file}: not a regular file (a device, pipe or socket); give the path of a regular file",
    ),
    "file.too_large": Words(
        zh="{file}：文件有 {size} MB，超过 {limit} MB 的上限；请检查是否选错了文件",
        en="{file}: the file is {size} MB, more than the limit of {limit} MB; check that it is the right file",
    ),
    "file.unreadable": Words(
        zh="{file}：无法读取（{reason}）；请检查文件权限",
        en="{file}: cannot be read ({reason}); check its permissions",
    ),
    "toml.not_utf8": Words(
        zh="{file}：第 {line} 行：不是 UTF-8 文本；{fix}",
        en="{file}: line {line}: not UTF-8 text; {fix}",
    ),
    "toml.syntax": Words(
        zh="{file}：第 {line} 行第 {column} 列：TOML 语法错误：{what}；{fix}",
        en="{file}: line {line}, column {column}: TOML syntax error: {what}; {fix}",
    ),
    "toml.too_deep": Words(
        zh="{file}：数组或内联表嵌套过深，无法读取；请检查文件是否损坏，改正或从备份恢复",
        en="{file}: arrays or inline tables are nested too deep to read; the file may be damaged: correct it or restore it from a backup",
    ),
    "toml.number_too_long": Words(
        zh="{file}：有一个数字位数过多，无法读取；请检查文件是否损坏，改正或从备份恢复",
        en="{file}: a number has too many digits to read; the file may be damaged: correct it or restore it from a backup",
    ),
    "toml.syntax_at_end": Words(
        zh="{file}：文件末尾：TOML 语法错误：{what}；{fix}",
        en="{file}: at the end of the file: TOML syntax error: {what}; {fix}",
    ),
    "fix.save_utf8": Words(
        zh="请将文件另存为 UTF-8 编码（在 Windows 编辑器中：另存为，编码选 UTF-8）",
        en="save the file as UTF-8 (in a Windows editor: Save As, encoding UTF-8)",
    ),
    "fix.restore_ledger": Words(
        zh="请从备份或版本库中恢复该文件", en="restore it from your backup or version control"
    ),
    "fix.toml_syntax": Words(
        zh='请修改该行（文字要加引号，如 name = "GDP"）',
        en='fix that line (text needs quotes, as in name = "GDP")',
    ),
    "fix.ledger_syntax": Words(
        zh='请修改该行（文字要加引号，如 name = "GDP"）；在能够解析之前，plantrack 不会写入该文件',
        en='fix that line (text needs quotes, as in name = "GDP"); plantrack will not write to it until it parses',
    ),
    "toml.reason.declared_twice": Words(zh="{value} 被声明了两次", en="{value} is declared twice"),
    "toml.reason.immutable": Words(
        zh="不能修改已定义的 {value}", en="cannot change {value}, which is already defined"
    ),
    "toml.reason.overwrite": Words(zh="不能覆盖已有的值", en="cannot overwrite a value"),
    "toml.reason.redefine": Words(zh="不能重新定义 {value}", en="cannot redefine {value}"),
    "toml.reason.duplicate_key": Words(
        zh="内联表中的键 {value} 重复", en="the key {value} repeats in an inline table"
    ),
    "toml.reason.bad_escape": Words(
        zh="转义字符不是有效的 Unicode 字符", en="an escaped character is not a Unicode character"
    ),
    "toml.reason.expected_equals": Words(zh="键后面应有“=”", en="expected '=' after a key"),
    "toml.reason.expected_bracket": Words(
        zh="表名后面应有“]”", en="expected ']' at the end of a table name"
    ),
    "toml.reason.expected_brackets": Words(
        zh="表数组名后面应有“]]”", en="expected ']]' at the end of an array of tables"
    ),
    "toml.reason.expected_line_end": Words(
        zh="一条语句后面应当换行，同一行不能再写别的内容",
        en="a statement must end its line; nothing else may follow it on that line",
    ),
    "toml.reason.expected": Words(zh="此处应为 {value}", en="expected {value}"),
    "toml.reason.invalid_character": Words(zh="无效字符 {value}", en="invalid character {value}"),
    "toml.reason.bad_date": Words(zh="日期或时间无效", en="invalid date or time"),
    "toml.reason.bad_hex": Words(zh="十六进制数值无效", en="invalid hexadecimal value"),
    "toml.reason.bad_key": Words(zh="键的首字符无效", en="invalid first character of a key"),
    "toml.reason.bad_statement": Words(
        zh="无法识别的语句", en="a line that is not a key, table or comment"
    ),
    "toml.reason.bad_value": Words(zh="无效的值", en="Invalid value"),
    "toml.reason.unclosed_array": Words(zh="列表缺少“]”", en="a list without its closing ']'"),
    "toml.reason.unclosed_table": Words(
        zh="内联表缺少“}}”", en="an inline table without its closing '}}'"
    ),
    "toml.reason.unescaped_backslash": Words(
        zh="字符串中有未转义的“\\”", en="an unescaped '\\' in a string"
    ),
    "toml.reason.unterminated_string": Words(
        zh="字符串缺少结束引号", en="a string without its closing quote"
    ),
    "toml.reason.other": Words(zh="{detail}", en="{detail}"),
    # ── the plan file ───────────────────────────────────────────────────────
    "plan.not_found": Words(
        zh="{file}：在 {folder} 及其上级文件夹中都找不到；请在计划文件所在的文件夹运行 plantrack，或用 --plan 指定路径（或设置 PLANTRACK_PLAN）",
        en="{file}: not found in {folder} or any parent folder; run plantrack where your plan is, or pass --plan PATH (or set PLANTRACK_PLAN)",
    ),
    "plan.looks_like_ledger": Words(
        zh="这是台账（[[entry]] 表），不是计划文件；请检查 --plan（或 PLANTRACK_PLAN），它应指向 targets.toml",
        en="this is a ledger ([[entry]] tables), not a plan; check --plan (or PLANTRACK_PLAN): it should name targets.toml",
    ),
    "plan.unknown_table": Words(
        zh="未知的表或键“{key}”；{hint}", en="unknown table or key '{key}'; {hint}"
    ),
    "plan.not_array_of_tables": Words(
        zh="“{key}”必须写成 {table}（双中括号），每个{key}写一次",
        en="'{key}' must be written as {table} (double brackets), once per {key}",
    ),
    "plan.not_a_table": Words(
        zh="“{key}”必须是一个表：请把 {table} 单独写成一行",
        en="'{key}' must be a table: write {table} on a line of its own",
    ),
    "plan.no_targets": Words(
        zh="没有 [[target]] 表；请至少声明一项目标（见 docs/plan-format.md）",
        en="no [[target]] tables; declare at least one target (see docs/plan-format.md)",
    ),
    "plan.missing_table": Words(
        zh="{where}：缺失；请添加 {where} 表，写明 title 和 year",
        en="{where}: missing; add a {where} table with title and year",
    ),
    "plan.no_sections": Words(zh="尚未声明", en="none declared"),
    "where.target": Words(zh="指标“{id}”（第 {position} 项）", en="target '{id}' (#{position})"),
    "where.target_n": Words(zh="第 {position} 项指标", en="target #{position}"),
    "where.section": Words(zh="板块“{id}”（第 {position} 个）", en="section '{id}' (#{position})"),
    "where.section_n": Words(zh="第 {position} 个板块", en="section #{position}"),
    # ── key projects: projects.toml and `plantrack projects` ──────────────────
    "projects.sentence": Words(
        zh="{count}项重点项目年度投资计划{plan}{unit}，{months}完成{completed}{unit}，占年度投资计划{completion}%，{pace}{starts}",
        en="{count} key {count:project|projects}, annual investment plan {plan} {unit}: {completed} {unit} completed in {months}, {completion}% of the annual plan, {pace}{starts}",
    ),
    "projects.months": Words(zh="1-{month}月", en="Jan–{month}"),
    "projects.month_one": Words(zh="1月", en="Jan"),
    "projects.ahead_of_time": Words(
        zh="超过时间进度{points}个百分点", en="{points} points ahead of the time schedule"
    ),
    "projects.behind_time": Words(
        zh="落后时间进度{points}个百分点", en="{points} points behind the time schedule"
    ),
    "projects.level_with_time": Words(zh="与时间进度持平", en="level with the time schedule"),
    "projects.starts": Words(
        zh="；计划新开工{planned}项，已开工{started}项，完成年度计划开工{rate}%",
        en="; {planned} new {planned:start|starts} planned, {started} started, {rate}% of the year's planned starts",
    ),
    "projects.heading": Words(
        zh="重点项目（金额单位：{unit}），截至 {as_of}",
        en="Key projects (amounts in {unit}), as of {as_of}",
    ),
    "projects.report_heading": Words(zh="重点项目", en="Key projects"),
    "rank.project": Words(
        zh="{id} 是重点项目，不分解到单位；要按牵头单位比较重点项目的完成情况，用 plantrack rank --projects --by lead",
        en="{id} is a key project, which is not split to units; to rank the units that lead key projects, use plantrack rank --projects --by lead",
    ),
    "projects.status_summary": Words(
        zh="重点项目：{sentence}（详见 plantrack projects）",
        en="Key projects: {sentence} (see plantrack projects)",
    ),
    "projects.verdict_line": Words(zh="重点项目 {name}（{id}）", en="key project {name} ({id})"),
    # ── key projects: presentation fixes ──
    "projects.col.start_rate": Words(zh="开工率", en="Start rate"),
    "projects.starts_legend": Words(
        zh="开工：已开工/应开工/计划新开工项目数；开工率：已开工÷计划新开工",
        en="Starts: started/due to start/planned new starts; start rate: started ÷ planned",
    ),
    "projects.status_heading": Words(zh="各状态项目数", en="Projects by status"),
    "projects.status_line": Words(zh="{group}：{counts}", en="{group}: {counts}"),
    "help.report.opt.demo": Words(
        zh="用演示数据（不读写台账）生成报告，看看报告的样子；报告标题下注明“演示数据”。",
        en="Write the report over illustrative figures (the ledger is not read or written), to see what a report looks like; it says DEMO under its title.",
    ),
    "help.projects.opt.demo": Words(
        zh="用演示数据（不读写台账）看重点项目的样子。",
        en="Show the key projects on illustrative figures (the ledger is not read or written).",
    ),
    "ledger.bad_event": Words(
        zh="event 为 {event}，应为 {events} 之一", en="event is {event}; it must be one of {events}"
    ),
    "ledger.event_with_value": Words(
        zh='项目事件记录（event = "{event}"）不能有 value',
        en='an event (event = "{event}") has no value',
    ),
    "ledger.milestone_field": Words(
        zh='event = "milestone" 的记录须有 milestone（节点名称），其他记录不能有',
        en='an entry with event = "milestone" needs milestone (the name), and no other entry has one',
    ),
    "project.only_projects": Words(
        zh="--started 和 --milestone 只用于重点项目库中的项目，“{id}”是计划指标；填报数值即可",
        en="--started and --milestone are for projects of the key-project register, and '{id}' is a target of the plan; record its figure instead",
    ),
    "project.not_new": Words(
        zh="项目 {id} 是续建项目，已经开工；--started 只用于新开工项目",
        en="project {id} is continued and has started already; --started is for new projects",
    ),
    "project.unknown_milestone": Words(
        zh="项目 {id} 没有节点“{name}”；{hint}节点：{milestones}",
        en="project {id} has no milestone '{name}'; {hint}its milestones: {milestones}",
    ),
    "project.no_milestones": Words(
        zh="无（在 projects.toml 中用 [[project.milestone]] 添加）",
        en="none (add them as [[project.milestone]] in projects.toml)",
    ),
    "project.event_twice": Words(
        zh="项目 {id} 已记录{what}（{period}，{by} 于 {at} 录入）；如需更正，加 --replace",
        en="project {id} already has {what} recorded ({period}, by {by} at {at}); to correct it, add --replace",
    ),
    "project.start_withdrawn": Words(
        zh="已撤回 {name}（{id}）{period} 的开工记录",
        en="Withdrew the start of {id} ({name}), recorded for {period}",
    ),
    "project.milestone_withdrawn": Words(
        zh="已撤回 {name}（{id}）{period} 的节点“{milestone}”记录",
        en="Withdrew milestone '{milestone}' of {id} ({name}), recorded for {period}",
    ),
    "project.event_nothing": Words(
        zh="项目 {id} 没有已记录的{what}，无需撤回",
        en="project {id} has no record of {what}, so there is nothing to withdraw",
    ),
    "field.blank": Words(zh="只有空白；请填写内容", en="is only blank space; write the text"),
    "project.start_outside_year": Words(
        zh='新开工项目的计划开工月份 {start} 不在计划年度 {year} 年内；请改为本年度的月份（往年已开工、本年结转的项目填 type = "continued"，以后年度开工的项目不列入本年度项目库）',
        en="a new project's planned start {start} is outside the plan year {year}; give a month of {year} (a project carried over from an earlier year is type = \"continued\", and one starting in a later year belongs to that year's register)",
    ),
    "project.completion_before_start": Words(
        zh="计划竣工月份 {end} 早于计划开工月份 {start}；请检查这两个月份",
        en="planned completion {end} comes before the planned start {start}; check both months",
    ),
    "project.milestone_before_year": Words(
        zh="节点“{name}”的完成月份 {due} 早于计划年度 {year} 年，永远无法按期完成；请改为本年度的月份或删除该节点",
        en="milestone '{name}' is due {due}, before the plan year {year}, so it could never be met; give it a month of the plan year or remove it",
    ),
    "record.derived": Words(
        zh='“{id}”的实际数由重点项目库计算（from_projects = "{how}"），不录入数据；请录入各项目的投资、开工和节点',
        en="'{id}' takes its actual from the key-project register (from_projects = \"{how}\"), so no figure is recorded for it; record the projects' investment, starts and milestones instead",
    ),
    "record.event_needs_period": Words(
        zh="请用 --period 给出开工或完成节点的月份，如 -p 2023-04；不默认为上个月，以免记错月份",
        en="give the month of the start or milestone with --period, such as -p 2023-04; it is not taken to be last month, which could date it wrongly",
    ),
    "record.unit_for_event": Words(
        zh="--unit 用于分解目标中某个单位自己的数据；项目的开工和节点属于项目本身，去掉 --unit",
        en="--unit is for a unit's own figure of a split target; a project's start or milestone is the project's own, so leave out --unit",
    ),
    "project.what_started": Words(zh="开工", en="its start"),
    "project.what_milestone": Words(zh="节点“{name}”", en="milestone '{name}'"),
    "project.started_done": Words(
        zh="已记录 {name}（{id}）{period} 开工",
        en="Recorded the start of {id} ({name}) in {period}",
    ),
    "project.milestone_done": Words(
        zh="已记录 {name}（{id}）{period} 完成节点“{milestone}”",
        en="Recorded milestone '{milestone}' of {id} ({name}) reached in {period}",
    ),
    "record.event_with_value": Words(
        zh="--started 和 --milestone 记录的是事件，不带数值；去掉数值，或分两次填报",
        en="--started and --milestone record an event, without a value; leave out the value, or record it separately",
    ),
    "record.started_and_milestone": Words(
        zh="--started 与 --milestone 一次只能用一个",
        en="give one of --started and --milestone at a time",
    ),
    "help.record.opt.started": Words(
        zh="记录重点项目在该月开工（不带数值）。",
        en="Record that a key project started work in the month (no value).",
    ),
    "help.record.opt.milestone": Words(
        zh="记录重点项目在该月完成了这个节点（名称见 projects.toml，不带数值）。",
        en="Record that a key project reached this milestone (named in projects.toml) in the month (no value).",
    ),
    "history.started": Words(zh="开工", en="started"),
    "history.milestone": Words(zh="节点：{name}", en="milestone: {name}"),
    "projects.lead_ranking": Words(
        zh="各牵头单位重点项目投资完成率排名（金额单位：{unit}），截至 {as_of}",
        en="Lead units ranked by the completion of their key projects (amounts in {unit}), as of {as_of}",
    ),
    "rank.projects_and_target": Words(
        zh="--projects 按牵头单位给重点项目排名，不带指标；去掉指标，或去掉 --projects",
        en="--projects ranks the lead units of the key projects and takes no target; leave out the target or --projects",
    ),
    "rank.bad_by": Words(
        zh="“{text}”不是可选的分组；--projects 只能按 lead（牵头单位）排名",
        en="'{text}' is not a grouping; --projects ranks by lead (the lead units) only",
    ),
    "rank.by_without_projects": Words(
        zh="--by 只与 --projects 同用（按牵头单位给重点项目排名）",
        en="--by goes with --projects only (the lead units of the key projects ranked)",
    ),
    "rank.no_target": Words(
        zh="缺少要排名的指标；写分解到单位的指标（如 plantrack rank urban-jobs），或用 --projects --by lead",
        en="no target to rank; give a target split to units (such as plantrack rank urban-jobs), or use --projects --by lead",
    ),
    "help.rank.opt.projects": Words(
        zh="按牵头单位给重点项目排名：投资完成率高的在前（需要 projects.toml）。",
        en="Rank the lead units of the key projects by completion, best first (needs projects.toml).",
    ),
    "help.rank.opt.by": Words(
        zh="与 --projects 同用：lead（按牵头单位，目前唯一的选项）。",
        en="With --projects: lead (by lead unit, the one grouping so far).",
    ),
    "projects.group_all": Words(zh="全部", en="All"),
    "projects.no_lead": Words(zh="未定牵头单位", en="No lead unit"),
    "projects.level.province": Words(zh="省级", en="Province"),
    "projects.level.city": Words(zh="市级", en="City"),
    "projects.level.district": Words(zh="区级", en="District"),
    "projects.type.new": Words(zh="新开工", en="New"),
    "projects.type.continued": Words(zh="续建", en="Continued"),
    "projects.col.group": Words(zh="分组", en="Group"),
    "projects.col.count": Words(zh="项目数", en="Projects"),
    "projects.col.plan": Words(zh="年度计划", en="Plan"),
    "projects.col.completed": Words(zh="累计完成", en="Completed"),
    "projects.col.completion": Words(zh="完成率", en="Completion"),
    "projects.col.gap": Words(zh="比时间进度", en="vs time"),
    "projects.col.starts": Words(zh="开工", en="Starts"),
    "projects.col.behind": Words(zh="滞后项目", en="Behind"),
    "projects.behind_heading": Words(zh="进度滞后的项目", en="Projects behind"),
    "projects.behind_line": Words(
        zh="{name}（{id}，牵头单位：{lead}）：{reasons}", en="{name} ({id}, lead {lead}): {reasons}"
    ),
    "projects.late_start": Words(
        zh="应开工未开工，已逾期{months}个月",
        en="due to have started, {months} {months:month|months} late",
    ),
    "projects.late_milestone": Words(
        zh="节点“{name}”逾期未完成", en="milestone '{name}' not reached by its due month"
    ),
    "projects.late_investment": Words(
        zh="完成投资{completed}{unit}，为年度计划{plan}{unit}的{progress}%",
        en="{completed} {unit} invested, {progress}% of its annual plan of {plan} {unit}",
    ),
    "projects.no_investment": Words(zh="未报送完成投资额", en="no investment reported"),
    "projects.sentence_unreported": Words(
        zh="{count}项重点项目年度投资计划{plan}{unit}，{months}完成投资尚未报送{starts}",
        en="{count} key {count:project|projects}, annual investment plan {plan} {unit}: the investment of {months} is not reported yet{starts}",
    ),
    "projects.no_register": Words(
        zh='找不到重点项目库 {file}；在计划文件旁建立 projects.toml（见 docs/projects.md），或在 [plan] 中用 projects = "文件名" 指定',
        en='no key-project register {file}; create projects.toml beside the plan (see docs/projects.md), or name it with projects = "FILE" in [plan]',
    ),
    "projects.bad_by": Words(
        zh="“{text}”不是可选的分组；用 level、type 或 lead",
        en="'{text}' is not a grouping; use level, type or lead",
    ),
    "help.cmd.projects": Words(
        zh="重点项目：年度投资计划、累计完成、占年度计划的比例、与时间进度的差距、新开工情况和各项目状态，开头是发改部门月报的那句话；--by 按级别、类型或牵头单位分组。",
        en="Key projects: annual investment plan, completed to date, its share of the plan, the gap to the time schedule, new starts and each project's status, opening with the office's monthly sentence; --by groups them by level, type or lead unit.",
    ),
    "help.short.projects": Words(zh="重点项目的进度", en="Where the key projects stand"),
    "help.projects.opt.unit": Words(
        zh="只看一个单位（编号或名称）牵头的重点项目。",
        en="Only the key projects one unit leads (by id or name).",
    ),
    "help.projects.opt.by": Words(
        zh="分组：level（省、市、区级）、type（新开工、续建）或 lead（牵头单位）。",
        en="Group by level (province, city, district), type (new, continued) or lead (the lead unit).",
    ),
    "rule.from_projects_kind": Words(
        zh="只有不分解到单位的 total 类指标可以从重点项目库取数，本指标为 {kind}",
        en="only a total that is not split to units can take its actual from the key-project register, and this one is a {kind}",
    ),
    "register.unit_mismatch": Words(
        zh="指标 {id} 从项目库取完成投资，单位是“{unit}”，而项目库的金额单位是“{own}”；二者须相同",
        en="target {id} takes the completed investment from the register in '{unit}', but the register's amounts are in '{own}'; make them the same",
    ),
    "register.unknown_table": Words(
        zh="未知的表或键“{key}”；{hint}", en="unknown table or key '{key}'; {hint}"
    ),
    "register.bad_unit": Words(
        zh='应为一行文字的金额单位，如 unit = "亿元"',
        en='must be the unit of amounts as one line of text, such as unit = "亿元"',
    ),
    "where.project": Words(zh="项目“{id}”（第 {position} 个）", en="project '{id}' (#{position})"),
    "where.project_n": Words(zh="第 {position} 个项目", en="project #{position}"),
    "where.milestone": Words(
        zh="{where}的第 {position} 个节点", en="{where}, milestone #{position}"
    ),
    "fix.milestone_name": Words(
        zh='添加 name = "节点名称"', en='add name = "<the milestone\'s name>"'
    ),
    "fix.milestone_due": Words(
        zh='添加 due = "2023-09"（应完成的月份）', en='add due = "2023-09" (the month it is due)'
    ),
    "project.milestone_brackets": Words(
        zh="每个节点写成一个 [[project.milestone]] 表（两层方括号），放在所属 [[project]] 之后",
        en="write each milestone as a [[project.milestone]] table (two brackets) after its [[project]]",
    ),
    "project.id_taken": Words(
        zh="“{id}”已是第 {first} 个项目的编号；每个项目的编号须不同",
        en="'{id}' is already the id of project #{first}; give each project its own id",
    ),
    "project.id_is_target": Words(
        zh="“{id}”已是计划中一项指标的编号；项目与指标共用编号空间，请换一个编号",
        en="'{id}' is already the id of a target of the plan; projects and targets share one id space, so choose another id",
    ),
    "project.start_required": Words(
        zh='新开工项目须写计划开工月份，如 planned_start = "2023-03"',
        en='a new project needs its planned start month, such as planned_start = "2023-03"',
    ),
    "project.start_continued": Words(
        zh='续建项目已经开工，不写计划开工月份；删除它，或改为 type = "new"',
        en='a continued project has started already and takes no planned start; remove it, or make it type = "new"',
    ),
    "project.plan_above_total": Words(
        zh="年度计划投资 {plan} 大于总投资 {total}；检查这两个数",
        en="the annual plan {plan} is more than the total investment {total}; check both",
    ),
    "project.milestone_twice": Words(
        zh="节点“{name}”出现了两次；每个节点名称只写一次",
        en="milestone '{name}' appears twice; give each milestone once",
    ),
    "fix.project_name": Words(zh='添加 name = "项目名称"', en='add name = "<the project\'s name>"'),
    "fix.project_level": Words(
        zh='添加 level = "district"（province、city 或 district）',
        en='add level = "district" (province, city or district)',
    ),
    "fix.project_type": Words(
        zh='添加 type = "new"（new 新开工，continued 续建）',
        en='add type = "new" (new, or continued)',
    ),
    "fix.annual_plan": Words(
        zh="添加 annual_plan = 年度计划投资（[projects] unit 的单位，默认亿元）",
        en="add annual_plan = the year's planned investment (in [projects] unit, default 亿元)",
    ),
    # ── units: [[unit]], lead, partners, [target.split] ────────────────────
    "where.unit": Words(zh="单位“{id}”（第 {position} 个）", en="unit '{id}' (#{position})"),
    "where.unit_n": Words(zh="第 {position} 个单位", en="unit #{position}"),
    "unit.taken": Words(
        zh="“{name}”已是第 {first} 个单位的编号或名称；每个单位的编号和名称须不同",
        en="'{name}' is already the id or name of unit #{first}; give each unit its own id and name",
    ),
    "unit.unknown": Words(
        zh="“{name}”不是 [[unit]] 中声明的单位；{hint}或在 [[unit]] 中添加该单位",
        en="'{name}' is not a unit declared in [[unit]]; {hint} or add it as a [[unit]]",
    ),
    "unit.lead_not_owner": Words(
        zh="牵头单位“{lead}”与 owner“{owner}”不是同一单位；二者指同一个责任单位，只写其一，或写成同一单位",
        en="lead '{lead}' and owner '{owner}' are not the same unit; they are one thing: give one, or the same unit in both",
    ),
    "split.not_a_table": Words(
        zh="应为单位编号到其目标的表，如 [target.split] 下写 chengdong = 800，而不是{shown}",
        en="must be a table of unit ids to their targets, such as chengdong = 800 under [target.split], not {shown}",
    ),
    "split.no_units": Words(
        zh="分解到单位前须先用 [[unit]] 声明这些单位",
        en="declare the units in [[unit]] tables before splitting a target to them",
    ),
    "split.kind": Words(
        zh="只有 total、level、limit 类且不跟随其他指标（follows）的指标可以分解到单位，本指标为 {kind}；请删除 [target.split]",
        en="only a total, level or limit that follows no other target can be split to units, and this one is a {kind}; remove [target.split]",
    ),
    "record.no_units": Words(
        zh="“{unit}”：本计划没有声明单位（[[unit]]），不能按单位填报；去掉 --unit 填报全区数",
        en="'{unit}': this plan declares no units ([[unit]]), so figures cannot be recorded per unit; leave out --unit to record the district's figure",
    ),
    "record.unknown_unit": Words(
        zh="“{unit}”不是计划中的单位；{hint}用 plantrack targets --json 查看各单位编号",
        en="'{unit}' is not a unit of the plan; {hint}the units' ids are in plantrack targets --json",
    ),
    "record.not_split": Words(
        zh="指标 {id} 没有分解到单位，只填报全区数；去掉 --unit {unit}",
        en="target {id} is not split to units and takes the district's figure only; leave out --unit {unit}",
    ),
    "record.unit_not_in_split": Words(
        zh="指标 {id} 没有分解给“{unit}”；可填报的单位：{units}",
        en="target {id} is not split to '{unit}'; the units it is split to: {units}",
    ),
    "record.district_after_units": Words(
        zh="指标 {id} 的 {period} 已有单位（如 {unit}）填报的数，全区数由各单位数汇总；请按单位填报（--unit），或先撤回各单位的数",
        en="target {id} already has units' own figures for {period} (such as {unit}), and its district figure is their sum; record per unit (--unit), or withdraw the units' figures first",
    ),
    "record.units_after_district": Words(
        zh="指标 {id} 的 {period} 已有全区数，不能再按单位填报同一期；先撤回全区数（plantrack record {id} --withdraw --period {period}），再按单位填报",
        en="target {id} already has a district figure for {period}, so units' own figures for that period are refused; withdraw it first (plantrack record {id} --withdraw --period {period}), then record per unit",
    ),
    "import.district_and_units": Words(
        zh="指标 {id} 的 {period} 在第 {line} 行已有单位的数，本行的全区数与之冲突；全区数由各单位数汇总，删去本行或那些行",
        en="target {id} has units' own figures for {period} on line {line}, which this district figure clashes with (the district's is their sum); remove this row or those",
    ),
    "import.units_and_district": Words(
        zh="指标 {id} 的 {period} 在第 {line} 行已有全区数，本行的单位数与之冲突；删去本行或那一行",
        en="target {id} has a district figure for {period} on line {line}, which this unit's figure clashes with; remove this row or that one",
    ),
    "validate.split_short": Words(
        zh="注意：指标 {id} 分解到各单位的目标合计 {shares}{unit}，少于全区目标 {target}{unit}；差额没有落实到单位",
        en="note: the shares of target {id} add up to {shares} {unit}, less than the district's target of {target} {unit}; the rest is left to no unit",
    ),
    "validate.start_of_continued": Words(
        zh="注意：{file} 记录了项目 {id} 于 {period} 开工，但项目库中它是续建项目，这条开工记录不予计算",
        en="note: {file} records the start of project {id} in {period}, but the register has it as continued; the start counts nowhere",
    ),
    "validate.unknown_milestone": Words(
        zh="注意：{file} 记录了项目 {id} 的节点“{name}”（{period}），但项目库中该项目已没有这个节点（也许改了名），不予计算；请按项目库中的名称用 plantrack record {id} --milestone 名称 重新录入",
        en="note: {file} records milestone '{name}' of project {id} ({period}), which the register no longer names (renamed?); it counts nowhere: record it again under the register's name with plantrack record {id} --milestone NAME",
    ),
    "validate.derived_figures": Words(
        zh="注意：{file} 中有 {count} 条“{id}”的数，但该指标的实际数由重点项目库计算（from_projects），这些数不予计算",
        en="note: {file} holds {count} {count:figure|figures} for '{id}', whose actual the key-project register gives (from_projects); they count nowhere",
    ),
    "validate.unit_orphans": Words(
        zh="注意：{file} 中有 {count} 条是单位“{unit}”对指标 {id} 填报的数，但该指标没有分解给这个单位，这些数不计入任何结果",
        en="note: {file} holds {count} {count:figure|figures} of unit '{unit}' for target {id}, which is not split to that unit; they count nowhere",
    ),
    "unit.not_found": Words(
        zh="计划中没有单位“{query}”；单位：{units}",
        en="the plan has no unit '{query}'; its units: {units}",
    ),
    "status.of_unit": Words(
        zh="{unit}的指标：牵头的指标（全区数）和分解到本单位的目标",
        en="The targets of {unit}: those it leads (district figures) and its own shares of split targets",
    ),
    "status.share_of": Words(zh="（{unit}分解目标）", en=" ({unit}'s share)"),
    "help.opt.unit": Words(
        zh="只看一个单位（编号或名称）自己的指标：它牵头的指标，和分解给它的目标（不含只是配合的）；有重点项目库时，还列出它牵头的重点项目。",
        en="Only one unit's own targets (by id or name): those it leads, and its shares of split targets (not those it only contributes to); with a key-project register, the key projects it leads too.",
    ),
    "unit.no_units": Words(
        zh="本计划没有声明单位（[[unit]]）；先在计划文件中添加 [[unit]] 表（见 docs/plan-format.md）",
        en="this plan declares no units ([[unit]]); add [[unit]] tables to the plan file first (see docs/plan-format.md)",
    ),
    "unit.owner_and_unit": Words(
        zh="--owner 与 --unit 指向不同的单位；只用其一",
        en="--owner and --unit name different units; use one of them",
    ),
    "rank.heading": Words(
        zh="{name}（{id}）各单位排名，截至 {as_of}", en="{name} ({id}): units ranked as of {as_of}"
    ),
    "rank.not_split": Words(
        zh="指标 {id} 没有分解到单位，无从排名；分解到单位的指标：{targets}",
        en="target {id} is not split to units, so there is nothing to rank; the targets split to units: {targets}",
    ),
    "rank.none_split": Words(
        zh="无（在计划中用 [target.split] 分解指标）",
        en="none (split a target with [target.split] in the plan)",
    ),
    "sections.bad_by": Words(
        zh="“{text}”不是可选的分组；用 section 或 unit",
        en="'{text}' is not a grouping; use section or unit",
    ),
    "col.rank": Words(zh="位次", en="Rank"),
    "col.unit": Words(zh="单位", en="Unit"),
    "help.cmd.rank": Words(
        zh="分解到单位的指标中各单位的排名，好的在前：总量和水平按完成进度，限值按距界限的距离（界限内、离得越远越好）。并列同名次，下一名次顺延（1、1、3）；没有数据的单位排在最后，不排名次（—）。",
        en="Rank the units of a target split to them, best first: totals and levels by progress, limits by the signed distance to the bound (inside and farthest first). Ties share a rank and the next rank skips (1, 1, 3); units without a figure come last, unranked (—).",
    ),
    "help.short.rank": Words(zh="分解指标的各单位排名", en="Rank the units of a split target"),
    "help.rank.arg.target": Words(
        zh="分解到单位的指标（编号或名称）。", en="A target split to units (its id or name)."
    ),
    "help.rank.opt.demo": Words(
        zh="用演示数据（不读写台账）看排名的样子。",
        en="Show the ranking on illustrative figures (the ledger is not read or written).",
    ),
    "help.sections.opt.by": Words(
        zh="section（默认：各板块和各责任单位）或 unit（各单位：其牵头的指标和分解给它的目标）。",
        en="section (the default: per section and per owner) or unit (per unit, over the targets it leads and its shares of split targets).",
    ),
    "help.sections.opt.demo": Words(
        zh="用演示数据（不读写台账）看计数的样子。",
        en="Count on illustrative figures (the ledger is not read or written).",
    ),
    "report.units_behind": Words(zh="落后单位：{units}", en="Units behind: {units}"),
    "report.units_late": Words(zh="逾期未报单位：{units}", en="Units overdue: {units}"),
    "report.unit_status": Words(zh="{unit}（{status}）", en="{unit} ({status})"),
    "report.units_separator": Words(zh="；", en="; "),
    "targets.split_to": Words(
        zh="（分解到{count}个单位）", en=" (split to {count} {count:unit|units})"
    ),
    "unit.empty": Words(
        zh="空的单位；写单位的编号或名称（如 chengdong），或去掉 --unit 填报全区数",
        en="empty; give a unit's id or name (such as chengdong), or leave out --unit to record the district's figure",
    ),
    "withdraw.nothing_unit": Words(
        zh="“{id}”{period} 没有{unit}可撤回的数据",
        en="'{id}' has no figure of {unit} for {period} to withdraw",
    ),
    "template.owes_nothing": Words(
        zh="{owner}既不牵头需填报全区数的指标，也没有分解给它的目标，没有要填报的数据",
        en="{owner} leads no target that takes a district figure and has no share of a split target, so it reports nothing",
    ),
    "split.follows": Words(
        zh="跟随“{id}”的指标没有自己的数，不能分解到单位；删除 [target.split]",
        en="a target that follows '{id}' has no number of its own to split to units; remove [target.split]",
    ),
    "split.empty": Words(
        zh="[target.split] 是空的；写出各单位的目标（如 chengdong = 800），或删除它",
        en="[target.split] is empty; give each unit's target (such as chengdong = 800), or remove it",
    ),
    "partners.twice": Words(
        zh="单位“{unit}”在配合单位中出现了两次", en="unit '{unit}' is a partner twice"
    ),
    "partners.lead": Words(
        zh="单位“{unit}”已是牵头单位，不再列为配合单位",
        en="unit '{unit}' leads the target, so it is not also a partner",
    ),
    "projects.unit_leads_none": Words(
        zh="{unit}不牵头重点项目库中的任何项目；去掉 --unit 可查看全部项目",
        en="{unit} leads no project of the key-project register; leave out --unit to see them all",
    ),
    "usage.repeated": Words(
        zh="{option} 给了不同的值（{values}），只能给一个；请只保留一个 {option}",
        en="{option} is given different values ({values}) and takes one; keep one {option}",
    ),
    "unit.nothing_own": Words(
        zh="{unit}没有自己的指标：不牵头任何指标，也没有分解给它的目标（只作为配合单位的指标不算）",
        en="{unit} has no targets of its own: it leads none and has no share of a split target (those it only contributes to as a partner do not count)",
    ),
    "split.twice": Words(
        zh="单位“{unit}”出现了两次（编号和名称各一次）；每个单位只写一次",
        en="unit '{unit}' appears twice (by id and by name); give each unit once",
    ),
    "field.problem": Words(zh="字段“{field}”：{problem}", en="field '{field}': {problem}"),
    "field.required": Words(zh="必填；{fix}", en="required; {fix}"),
    "field.unknown": Words(zh="未知字段；{hint}", en="unknown field; {hint}"),
    "field.not_allowed": Words(
        zh="“{value}”不是允许的值；{hint}可选：{choices}",
        en="'{value}' is not allowed; {hint}use one of {choices}",
    ),
    "field.not_a_number": Words(
        zh="必须是数字，而不是{shown}；请去掉引号",
        en="must be a number, not {shown}; write it without quotes",
    ),
    "field.not_a_number_in_list": Words(
        zh="必须是数字（列表中），而不是{shown}；请去掉引号",
        en="must be a number (in the list), not {shown}; write it without quotes",
    ),
    "field.not_finite": Words(
        zh="必须是有限的数字，而不是 {value}；请填写真实数据",
        en="must be a finite number, not {value}; write the real figure",
    ),
    "field.not_whole": Words(
        zh="必须是整数，而不是{shown}", en="must be a whole number, not {shown}"
    ),
    "field.not_a_number_plain": Words(
        zh="必须是数字，如 150，而不是{shown}", en="must be a number such as 150, not {shown}"
    ),
    "field.not_a_number_in_list_plain": Words(
        zh="必须是数字（列表中），如 0.5，而不是{shown}",
        en="must be a number (in the list) such as 0.5, not {shown}",
    ),
    "field.not_a_year": Words(
        zh="必须是整数年份，如 2023，而不是{shown}",
        en="must be a whole number such as 2023, not {shown}",
    ),
    "field.not_a_flag": Words(
        zh="必须是 true 或 false（不加引号），而不是{shown}",
        en="must be true or false (without quotes), not {shown}",
    ),
    "field.not_text": Words(
        zh='必须是带引号的文字，而不是{shown}；请写成 {field} = "..."',
        en='must be text in quotes, not {shown}; write {field} = "..."',
    ),
    "field.empty": Words(
        zh="为空；请填写内容或删除该字段", en="is empty; write the text or remove the field"
    ),
    "field.not_allowed_type": Words(
        zh="必须是 {choices} 之一，而不是{shown}", en="must be one of {choices}, not {shown}"
    ),
    "field.not_an_id": Words(
        zh="“{value}”不是有效的编号；请使用小写英文字母、数字和“-”（如 gdp-growth）",
        en="'{value}' is not a valid id; use lowercase ASCII letters, digits and '-' (kebab-case), such as 'gdp-growth'",
    ),
    "field.too_large": Words(
        zh="绝对值不能超过 {largest}，而不是 {value}；请核对数字和单位",
        en="must be at most {largest} in size, not {value}; check the number and its unit",
    ),
    "field.too_small": Words(
        zh="不为零时绝对值至少为 {smallest}，而不是 {value}；请核对数字和单位",
        en="must be 0 or at least {smallest} in size, not {value}; check the number and its unit",
    ),
    "field.line_break": Words(
        zh="含有换行；标题、名称和责任单位须写在一行内",
        en="contains a line break; titles, names and owners must be one line",
    ),
    "field.control_char": Words(
        zh="含有控制字符 {char}；请删除它（标题、名称、单位和责任单位只能是可见的文字）",
        en="contains the control character {char}; remove it (titles, names, units and owners are visible text only)",
    ),
    "field.between": Words(
        zh="必须在 {low} 到 {high} 之间，而不是 {value}",
        en="must be at least {low} and at most {high}, not {value}",
    ),
    "field.at_least": Words(
        zh="必须不小于 {low}，而不是 {value}", en="must be at least {low}, not {value}"
    ),
    "field.at_most": Words(
        zh="必须不大于 {high}，而不是 {value}", en="must be at most {high}, not {value}"
    ),
    "field.above": Words(
        zh="必须大于 {bound}，而不是 {value}", en="must be above {bound}, not {value}"
    ),
    "field.below": Words(
        zh="必须小于 {bound}，而不是 {value}", en="must be below {bound}, not {value}"
    ),
    "field.not_a_list": Words(
        zh='必须是方括号中的列表，如 ["a", "b"]，而不是{shown}',
        en='must be a list in brackets, such as ["a", "b"], not {shown}',
    ),
    "field.invalid": Words(zh="值无效（{detail}）", en="{detail}"),
    "shown.text": Words(zh="文字“{text}”", en='the text "{text}"'),
    "shown.table": Words(zh="一个表", en="a table"),
    "shown.list": Words(zh="一个列表", en="a list"),
    "shown.date": Words(zh="不带引号的日期 {text}", en="the unquoted date {text}"),
    "fix.generic": Words(zh="请添加 {field} = ...", en="add {field} = ..."),
    "fix.id": Words(
        zh='请添加 id = "gdp-growth"（用“-”连接的小写英文单词，唯一且稳定）',
        en='add id = "gdp-growth" (lowercase ASCII words joined by "-", unique and stable)',
    ),
    "fix.section": Words(
        zh='请添加 section = "<某个 [[section]] 表的 id>"',
        en='add section = "<the id of one of the [[section]] tables>"',
    ),
    "fix.name": Words(
        zh='请添加 name = "<报告中使用的简短中文名称>"',
        en='add name = "<the short Chinese name the report uses>"',
    ),
    "fix.kind": Words(
        zh='请添加 kind = "total"（growth、total、level、milestone 之一）',
        en='add kind = "total" (one of growth, total, level, milestone)',
    ),
    "fix.title": Words(zh='请添加 title = "<计划标题>"', en='add title = "<the plan\'s title>"'),
    "fix.year": Words(zh="请添加 year = 2023（计划年度）", en="add year = 2023 (the plan year)"),
    "section.id_taken": Words(
        zh="“{id}”已是第 {first} 个板块的编号；每个板块的编号须不同",
        en="'{id}' is already the id of section #{first}; give each section its own id",
    ),
    "target.id_taken": Words(
        zh="“{id}”已是第 {first} 项指标的编号；每项指标的编号须不同",
        en="'{id}' is already the id of target #{first}; give each target its own id",
    ),
    "target.unknown_section": Words(
        zh="没有板块“{section}”；{hint}（已有板块：{sections}）",
        en="no section '{section}'; {hint}(sections: {sections})",
    ),
    "schedule.count": Words(
        zh="有 {count} 个值而不是 12 个；请列出 12 个累计比例，如 [0.05, 0.1, ..., 1.0]",
        en="has {count} values, not 12; list 12 cumulative fractions, such as [0.05, 0.1, ..., 1.0]",
    ),
    "schedule.range": Words(
        zh="每个值都须在 0 到 1 之间；请列出 12 个累计比例，如 [0.05, 0.1, ..., 1.0]",
        en="values must lie between 0 and 1; list 12 cumulative fractions, such as [0.05, 0.1, ..., 1.0]",
    ),
    "schedule.falls": Words(
        zh="在第 {month} 个月从 {before} 降到 {after}；每个值是截至该月应完成的比例，不能减少",
        en="falls from {before} to {after} at month {month}; each value is the share due by that month, so it never decreases",
    ),
    "schedule.end": Words(
        zh="最后一个值是 {end} 而不是 1.0；全部目标须在 12 月前完成",
        en="ends at {end}, not 1.0; the whole target is due by December",
    ),
    "due.not_a_month": Words(
        zh='“{due}”不是月份；请写成 YYYY-MM，如 "2025-12"',
        en="'{due}' is not a month; write it as YYYY-MM, such as \"2025-12\"",
    ),
    "rule.unit_required": Words(
        zh="类型“{kind}”必须填写；请添加 unit = {example}",
        en="required for kind '{kind}'; add unit = {example}",
    ),
    "rule.unit_example_growth": Words(zh='"%"', en='"%"'),
    "rule.unit_example": Words(zh='"个"（报告中使用的单位）', en='"个" (the unit the report uses)'),
    "rule.target_required": Words(
        zh="类型“{kind}”必须填写；请添加 target = <计划承诺的数值>",
        en="required for kind '{kind}'; add target = <the number the plan commits to>",
    ),
    "rule.target_positive": Words(
        zh='类型“{kind}”的目标必须大于 0，而不是 {value}；要达到的数量应为正数（比率请用 kind = "level"）',
        en="must be above 0 for kind '{kind}', got {value}; a quantity to reach is positive (use kind 'level' for a rate)",
    ),
    "rule.increment_only_totals": Words(
        zh="'increment' 只适用于 total 和 limit 类型，不适用于“{kind}”；请删除 entry，或改为 kind = \"total\"",
        en="'increment' is only for kinds 'total' and 'limit', not '{kind}'; remove entry or set kind = \"total\"",
    ),
    "rule.stretch_short": Words(
        zh="对方向“{direction}”而言，{stretch} 不比目标 {target} 更高；力争值应超过目标",
        en="{stretch} is less ambitious than target {target} for direction '{direction}'; a stretch goes beyond the target",
    ),
    "rule.due_before_year": Words(
        zh="{due} 早于计划年度 {year}；请填写 {year}-01 以后的月份",
        en="{due} is before the plan year {year}; give a month from {year}-01 on",
    ),
    "rule.due_mid_year": Words(
        zh="“{kind}”类目标在年底到期；如需提前完成请用 schedule，或删除 due",
        en="a '{kind}' target is due at the end of the year; use a schedule to front-load it, or remove due",
    ),
    "rule.schedule_beyond_year": Words(
        zh="只覆盖一年，但该目标在 {due} 到期；请删除 schedule（默认在到期前平均分配）",
        en="covers one year, but the target is due in {due}; remove the schedule (the default spreads the target evenly up to its due month)",
    ),
    "rule.schedule_zero_at_due": Words(
        zh="在到期月 {due} 为 0；节点任务到期时须有部分应完成，请把该月的比例调到 0 以上",
        en="is 0 at the due month {due}; the milestone must be partly due by then, so raise that month's share above 0",
    ),
    "calendar.not_a_day": Words(
        zh="“{text}”不是 MM-DD 格式的日期（如 01-31）",
        en="'{text}' is not a day in the form MM-DD (such as 01-31)",
    ),
    "rules.points_order": Words(
        zh="滞后线 {off_track} 个百分点小于预警线 {at_risk} 个百分点；off_track_points 应不小于 at_risk_points",
        en="{off_track} points is less than at_risk_points {at_risk}; off_track_points must be at least at_risk_points",
    ),
    "rule.limit_direction_required": Words(
        zh='限值类指标须说明是上限还是下限；请添加 direction = "down"（上限，如“以内”）或 "up"（下限，如“以上”），或写明 qualifier',
        en='a limit must say whether it is a ceiling or a floor; add direction = "down" (a ceiling, 以内) or "up" (a floor, 以上), or a qualifier',
    ),
    "rule.at_most_up": Words(
        zh='“at_most”（以内）是上限，但方向为 up；请设置 kind = "limit"（上限指标），或 direction = "down"',
        en='"at_most" (以内) is a ceiling, but the direction is up; set kind = "limit" for a ceiling, or direction = "down"',
    ),
    "rule.at_most_up_limit": Words(
        zh='“at_most”（以内）是上限，但 direction 为 up（下限）；请改为 direction = "down"，或删除 direction',
        en='"at_most" (以内) is a ceiling, but direction is up (a floor); set direction = "down", or remove direction',
    ),
    "rule.at_least_down": Words(
        zh='“at_least”（以上）与 direction = "down" 矛盾；下降X%以上应写成 target = -X 且 direction = "down"，或删除 qualifier',
        en='"at_least" (以上) contradicts direction = "down"; a decline of X% or more is target = -X with direction = "down", or remove the qualifier',
    ),
    "rule.down_not_for_total": Words(
        zh='累计量类指标不能 direction = "down"：累计数只增不减；上限请用 kind = "limit"',
        en='a "total" cannot have direction = "down": a running total only grows; for a ceiling use kind = "limit"',
    ),
    "rule.down_not_for_milestone": Words(
        zh='节点任务不能 direction = "down"：完成百分比只会向 100 推进；请删除 direction',
        en='a "milestone" cannot have direction = "down": its percent complete only moves toward 100; remove direction',
    ),
    "rule.follows_kind": Words(
        zh="只有 growth 和 level 类指标可以同步于另一项指标，“{kind}”不行",
        en="only growth and level targets may follow another target, not '{kind}'",
    ),
    "rule.follows_and_target": Words(
        zh="同步于“{id}”的指标，其目标值就是“{id}”的实际值；请删除 target",
        en="a target that follows '{id}' takes its number from it; remove target",
    ),
    "rule.offset_without_follows": Words(
        zh="offset 只用于 follows；请删除 offset 或加上 follows",
        en="offset is only for follows; remove offset or add follows",
    ),
    "rule.band_without_about": Words(
        zh='band 只用于 qualifier = "about"（左右）；请删除 band',
        en='band is only for qualifier = "about" (左右); remove band',
    ),
    "rule.average_kind": Words(
        zh='aggregate = "average" 只用于 level 和 limit 类指标，不用于“{kind}”',
        en="aggregate = \"average\" is only for level and limit targets, not '{kind}'",
    ),
    "rule.follows_unknown": Words(
        zh="没有指标“{id}”；{hint}请给出计划中某项指标的编号",
        en="no target '{id}'; {hint}give the id of a target of the plan",
    ),
    "rule.follows_unit": Words(
        zh="“{id}”以“{unit}”计，而本指标以“{own}”计；同步的两项指标须单位相同",
        en="'{id}' is in {unit} but this target is in {own}; a target and the one it follows need the same unit",
    ),
    "rule.follows_loop": Words(
        zh="同步关系形成了循环：{chain}；请断开其中一环",
        en="the targets follow each other in a circle: {chain}; break it",
    ),
    # ── periods and values ──────────────────────────────────────────────────
    "period.invalid": Words(
        zh="“{text}”不是有效的期间；请写成 2023-06（月）、2023-Q2（季度，即该季度最后一个月）或 2023-H1（半年）",
        en="'{text}' is not a period; write 2023-06 (a month), 2023-Q2 (a quarter: its last month) or 2023-H1 (a half year)",
    ),
    "period.not_ledger_month": Words(
        zh="“{text}”不是 YYYY-MM 格式的月份（如 2023-06）",
        en="'{text}' is not a month in the form YYYY-MM (such as 2023-06)",
    ),
    "date.invalid": Words(
        zh="“{text}”不是有效的日期；请写成 YYYY-MM-DD，如 2023-07-03",
        en="'{text}' is not a date; write it as YYYY-MM-DD, such as 2023-07-03",
    ),
    "env.today_invalid": Words(zh="{problem}，或删除该设置", en="{problem}, or unset it"),
    "period.no_default": Words(
        zh="未指定期间，而上个月（{last}）不在计划年度 {year} 内；请指定期间，如 {year}-12",
        en="no period given, and last month ({last}) is not in the plan year {year}; give one, such as {year}-12",
    ),
    "period.outside_year": Words(
        zh="{period} 不在计划年度 {year} 内；请填写 {year}-01 至 {year}-12 之间的月份",
        en="{period} is outside the plan year {year}; give a month from {year}-01 to {year}-12",
    ),
    "period.not_over": Words(
        zh="{period} 还没有结束；该月的数据从 {day} 起才能录入",
        en="{period} is not over; its figures can be recorded from {day}",
    ),
    "period.quarterly": Words(
        zh="“{id}”按季度报送；请填写季末月份（{year}-03、-06、-09、-12）或季度，如 {quarter}",
        en="'{id}' is reported quarterly; give a quarter's last month ({year}-03, -06, -09, -12) or a quarter such as {quarter}",
    ),
    "period.annual": Words(
        zh="“{id}”按年度报送；请录入为 {year}-12",
        en="'{id}' is reported once a year; record it for {year}-12",
    ),
    "value.percent_for_unit": Words(
        zh="“{text}”是百分数，但该指标以“{unit}”计；请填写以{unit}为单位的数字，不带“%”",
        en="'{text}' is a percentage but this target is counted in {unit}; give the figure in {unit} without '%'",
    ),
    "value.not_a_number": Words(
        zh="“{text}”不是数字；{hint}", en="'{text}' is not a number; {hint}"
    ),
    "value.hint_number": Words(
        zh="请填写数字，如 1500、1,500、8.2 或 -1.8",
        en="write digits such as 1500, 1,500, 8.2 or -1.8",
    ),
    "value.hint_milestone": Words(
        zh="请填写完成百分比（0到100），或 done（已完成）、not-started（未开始）",
        en="write the percent complete (0 to 100), 'done' or 'not-started'",
    ),
    "value.too_large": Words(
        zh="“{text}”数值过大（绝对值不能超过 {largest}），不是有效数据；请核对",
        en="'{text}' is too large to be a figure (at most {largest} in size); check the number",
    ),
    "value.negative_milestone": Words(
        zh="{value} 是负数，而节点任务的完成百分比不能为负；请填写 0 到 100",
        en="{value} is negative, but a milestone's percent complete cannot be; give 0 to 100",
    ),
    "value.negative_total": Words(
        zh="{value} 是负数，而“{id}”的累计量不能为负；请填写 0 或以上的数量",
        en="{value} is negative, but the total of '{id}' cannot be; give the amount, 0 or more",
    ),
    "value.milestone_above_100": Words(
        zh="{value} 超过 100；节点任务按完成百分比录入，0 到 100（或 done）",
        en="{value} is above 100; a milestone is recorded as percent complete, 0 to 100 (or done)",
    ),
    "plausible.over_target": Words(
        zh="{value} 超过目标 {target} 的 {times} 倍",
        en="{value} is more than {times} times the target of {target}",
    ),
    "plausible.total_falls": Words(
        zh="累计数 {value} 低于 {period} 已有的 {earlier}；年初至今的累计数不会减少",
        en="{value} is below the {earlier} already recorded for {period}; a year-to-date total never falls",
    ),
    "plausible.total_above_later": Words(
        zh="累计数 {value} 高于 {period} 已有的 {later}；年初至今的累计数不会减少",
        en="{value} is above the {later} already recorded for {period}; a year-to-date total never falls",
    ),
    "plausible.percent_range": Words(
        zh="{value}% 超出 {low}% 到 {high}% 的范围", en="{value}% is outside {low}% to {high}%"
    ),
    "plausible.fraction": Words(
        zh="{value} 不是整数，而该指标以“{unit}”计",
        en="{value} is not a whole number, but this target counts {unit}",
    ),
    "plausible.refused": Words(
        zh="VALUE: {problem}；如确认无误，请加 --force",
        en="VALUE: {problem}; if the figure is right, add --force",
    ),
    "import.plausible": Words(
        zh="“value”列：{problem}；如确认无误，请加 --force",
        en="column 'value': {problem}; if the figure is right, add --force",
    ),
    "follows.no_figure": Words(
        zh="“{id}”{period} 尚无数据，无法确定本指标的目标；请先录入“{id}”",
        en="'{id}' has no figure for {period}, so this target has no number yet; record '{id}' first",
    ),
    # ── finding targets, sections, owners ───────────────────────────────────
    "target.id_name": Words(zh="{id} ({name})", en="{id} ({name})"),
    "target.ambiguous": Words(
        zh="“{query}”对应 {count} 项指标：{listing}；请填写编号或更完整的名称",
        en="'{query}' matches {count} targets: {listing}; give the id or more of the name",
    ),
    "target.empty": Words(
        zh="为空；请写指标编号或名称（plantrack targets 列出全部指标）",
        en="empty; give a target id or name (plantrack targets lists them)",
    ),
    "target.unknown": Words(zh="没有指标“{query}”；{hint}", en="unknown target '{query}'; {hint}"),
    "target.did_you_mean": Words(
        zh="是否要找“{id}”（{name}）？plantrack targets 可列出全部指标",
        en="did you mean '{id}' ({name})? 'plantrack targets' lists every target",
    ),
    "target.list_hint": Words(
        zh="plantrack targets 可列出全部指标", en="'plantrack targets' lists every target"
    ),
    "section.unknown": Words(
        zh="没有板块“{query}”；可选：{sections}", en="no section '{query}'; use one of {sections}"
    ),
    "owner.none_in_plan": Words(
        zh='计划中没有任何指标写明责任单位；请在计划文件的指标中添加 owner = "..."',
        en='no target in the plan has an owner; add owner = "..." to the targets in the plan file',
    ),
    "owner.unknown": Words(
        zh="没有责任单位为“{query}”的指标；已有责任单位：{owners}",
        en="no target has owner '{query}'; owners: {owners}",
    ),
    "lang.unknown": Words(
        zh="“{text}”不是 plantrack 支持的语言；请用 zh 或 en",
        en="'{text}' is not a language plantrack speaks; use zh or en",
    ),
    # ── recording ───────────────────────────────────────────────────────────
    "record.done": Words(
        zh="已记录 {name}（{id}）{period}：{value}", en="Recorded {id} ({name}) {period}: {value}"
    ),
    "record.replacing": Words(
        zh="替换原值 {old}（{at} {by} 录入）", en="replacing {old} recorded {at} by {by}"
    ),
    "record.done_replacing": Words(zh="{done}，{replacing}", en="{done}, {replacing}"),
    "record.exists": Words(
        zh="“{id}”{period} 已有数据 {old}{same}，由 {by} 于 {at} 录入",
        en="'{id}' already has {old} for {period}{same}, recorded {at} by {by}",
    ),
    "record.same_value": Words(zh="（数值相同）", en=" (the same value)"),
    "record.revise": Words(
        zh="{problem}；如需更正：{command}", en="{problem}; to revise it: {command}"
    ),
    "record.no_login_name": Words(
        zh="无法确定录入人（没有登录名）；请用 --by 姓名 指定",
        en="cannot tell who is recording (no login name); pass --by NAME",
    ),
    "record.withdraw_with": Words(
        zh="撤回数据时不用 {given}；请删除它", en="a withdrawal takes no {given}; remove it"
    ),
    "record.no_value": Words(
        zh="缺少数值；请写出数据，或加 --withdraw 撤回已录入的数据",
        en="missing; give the figure, or --withdraw to take one back",
    ),
    "withdraw.nothing": Words(
        zh="“{id}”{period} 没有可撤回的数据", en="'{id}' has no figure for {period} to withdraw"
    ),
    "withdraw.done": Words(
        zh="已撤回 {name}（{id}）{period} 的 {value}；{restored}",
        en="Withdrew {value} for {id} ({name}) {period}; {restored}",
    ),
    "withdraw.restored": Words(zh="现行数据恢复为 {value}", en="{value} is in force again"),
    "withdraw.none_left": Words(zh="该月已无现行数据", en="that month has no figure now"),
    "history.none": Words(
        zh="{id} 尚无记录；录入：plantrack record {id} 数值 --period 2023-06",
        en="No figures for {id} yet; record one with: plantrack record {id} VALUE --period YYYY-MM",
    ),
    "export.bad_format": Words(
        zh="“{text}”不是 csv、json 或 xlsx", en="'{text}' is not csv, json or xlsx"
    ),
    # ── importing ───────────────────────────────────────────────────────────
    "import.empty": Words(
        zh="{file}：文件为空；第一行应为表头 target,period,value",
        en="{file}: the file is empty; its first line must be the header target,period,value",
    ),
    "import.is_folder": Words(
        zh="{file}：是文件夹；请给出 CSV 文件的路径",
        en="{file}: is a folder; give the path of the CSV file",
    ),
    "import.unknown_encoding": Words(
        zh="“{encoding}”不是 Python 认识的编码；请用 utf-8、utf-8-sig 或 gbk",
        en="'{encoding}' is not an encoding Python knows; use utf-8, utf-8-sig or gbk",
    ),
    "import.bad_encoding": Words(
        zh="{file}：第 {line} 行：不是有效的 {encoding} 文本；请检查 --encoding",
        en="{file}: line {line}: not valid {encoding} text; check --encoding",
    ),
    "import.not_text": Words(
        zh="{file}：既不是 UTF-8 也不是 GBK 编码；请另存为“CSV UTF-8”，或用 --encoding 指定编码",
        en="{file}: neither UTF-8 nor GBK text; save it as 'CSV UTF-8' or pass --encoding",
    ),
    "import.too_many_cells": Words(
        zh="有 {count} 个单元格，而表头只有 {columns} 列；含逗号的单元格请加引号",
        en="{count} cells but the header has {columns} columns; quote cells that contain commas",
    ),
    "import.column_twice": Words(
        zh="列“{name}”出现两次；请只保留一列", en="column '{name}' appears twice; keep one"
    ),
    "import.unknown_column": Words(
        zh="未知的列“{name}”；{hint}（可用的列：{columns}）",
        en="unknown column '{name}'; {hint}(columns: {columns})",
    ),
    "import.missing_column": Words(
        zh="缺少列“{name}”；表头必须包含 target、period 和 value（只录重点项目开工、节点的文件可用 started 或 milestone 代替 value）",
        en="missing column '{name}'; the header must name target, period and value (a file of key projects' starts or milestones may have started or milestone instead of value)",
    ),
    "import.duplicate_row": Words(
        zh="“{id}”{period} 与第 {line} 行重复；每个指标每月只保留一行",
        en="'{id}' {period} is also on line {line}; keep one row per target and month",
    ),
    "import.in_column": Words(zh="“{column}”列：{problem}", en="column '{column}': {problem}"),
    # An import's columns as problems name them: the key, and in Chinese the headers read as it.
    "import.column.target": Words(zh="target（指标、编号）", en="target"),
    "import.column.period": Words(zh="period（期间、月份）", en="period"),
    "import.column.value": Words(zh="value（数值、本期数）", en="value"),
    "import.column.unit": Words(zh="unit（填报单位）", en="unit"),
    "import.column.started": Words(zh="started（开工）", en="started"),
    "import.column.milestone": Words(zh="milestone（节点、完成节点）", en="milestone"),
    "import.revise": Words(
        zh="{problem}；如需更正请加 --replace", en="{problem}; add --replace to revise it"
    ),
    "import.at_line": Words(
        zh="{file}：第 {line} 行：{problem}", en="{file}: line {line}: {problem}"
    ),
    "import.at_row": Words(zh="第 {line} 行：{problem}", en="row {line}: {problem}"),
    "import.refused": Words(
        zh="{file}：共 {count} 处问题；未录入任何数据",
        en="{file}: problems found: {count}; nothing was recorded",
    ),
    "import.refused_rows": Words(
        zh="共 {count} 处问题；未录入任何数据", en="problems found: {count}; nothing was recorded"
    ),
    "import.recorded": Words(
        zh="{file}：{count} 条数据已导入，其中更正 {revisions} 条",
        en="{file}: {count} {count:figure|figures} recorded, {revisions} of them {revisions:a revision|revisions}",
    ),
    "import.checked": Words(
        zh="{file}：{count} 条数据检查通过，未写入（--dry-run），其中更正 {revisions} 条",
        en="{file}: {count} {count:figure|figures} checked, nothing written (--dry-run), {revisions} of them {revisions:a revision|revisions}",
    ),
    "import.nothing": Words(
        zh="注意：{file} 中没有要录入的数据：每一行的数值、开工和节点都是空的（或为“否”）；请检查是否选错了文件或工作表",
        en="note: {file} has nothing to record: every row's value, start and milestone are empty (or no); check that this is the right file or sheet",
    ),
    "import.events_recorded": Words(
        zh="另录入重点项目开工 {started} 项、节点 {milestones} 个",
        en="also recorded: project starts {started}, milestones reached {milestones}",
    ),
    "import.events_checked": Words(
        zh="另有重点项目开工 {started} 项、节点 {milestones} 个检查通过，未写入（--dry-run）",
        en="also checked: project starts {started}, milestones reached {milestones}; nothing written (--dry-run)",
    ),
    "import.event_not_project": Words(
        zh="“开工”和“节点”列只用于重点项目库中的项目，“{id}”是计划指标；请清空这一行的这两格",
        en="the started and milestone columns are for projects of the key-project register, and '{id}' is a target of the plan; leave them empty on its row",
    ),
    "import.started_not_new": Words(
        zh="项目 {id} 是续建项目，已经开工；“开工”列只用于新开工项目，请清空这一格",
        en="project {id} is continued and has started already; the started column is for new projects, so leave it empty",
    ),
    "import.started_value": Words(
        zh="“{text}”不是开工标记；已开工填“是”或开工月份（如 2023-04），未开工留空",
        en="'{text}' does not say whether the project started; write 是 (yes) or the month it started (such as 2023-04), or leave it empty",
    ),
    "import.duplicate_event": Words(
        zh="项目 {id} 的{what}与第 {line} 行重复；只保留一行",
        en="project {id}: {what} is also on line {line}; keep one row",
    ),
    # ── importing: quoting, size, leniency, xlsx (hardening-import) ─────────
    "import.unclosed_quote": Words(
        zh='引号（"）开始的单元格没有结束，下面各行都会被并入该单元格；请补上后引号，或删除该引号',
        en='a quote (") opens a cell that never closes, so the rows below would become part of it; close the quote, or remove it',
    ),
    "import.text_after_quote": Words(
        zh='后引号（"）之后还有文字；引号内的引号请写成两个（""），或删除多余的引号',
        en='text follows a closing quote ("); inside a quoted cell write a quote as two (""), or remove the stray one',
    ),
    "import.cell_too_long": Words(
        zh="单元格超过 {limit} 个字符；请缩短（或补上它开头引号对应的后引号）",
        en="a cell longer than {limit} characters; shorten it (or close the quote that opened it)",
    ),
    "import.too_large": Words(
        zh="{file}：文件有 {size} MB，超过导入上限 {limit} MB；请拆分文件，或确认无误后加 --large",
        en="{file}: {size} MB is more than the {limit} MB an import reads; split the file, or add --large if it is meant",
    ),
    "import.more_problems": Words(
        zh="……另有 {hidden} 处问题未列出；请先改正以上问题再导入",
        en="... and {hidden} more problems not shown; fix those above and import again",
    ),
    "import.one_column": Words(
        zh="表头“{header}”只有一列；请用逗号、分号或制表符分隔 target、period、value 各列",
        en="the header '{header}' is one column; separate the columns target, period and value with commas, semicolons or tabs",
    ),
    "import.not_xlsx": Words(
        zh="{file}：不是有效的 xlsx 工作簿（可能是改了扩展名的 CSV 或 .xls，或文件已损坏）；请用 Excel 或 WPS 打开后另存为 .xlsx 或 CSV",
        en="{file}: not a valid xlsx workbook (a CSV or .xls renamed, or a damaged file); open it in Excel or WPS and save it as .xlsx or CSV",
    ),
    "import.unknown_sheet": Words(
        zh="{file} 中没有工作表“{sheet}”；可选：{sheets}",
        en="{file} has no sheet '{sheet}'; its sheets: {sheets}",
    ),
    "import.sheet_for_csv": Words(
        zh="{file} 是 CSV 文件，没有工作表；请删除 --sheet",
        en="{file} is a CSV file, which has no sheets; remove --sheet",
    ),
    "import.encoding_for_xlsx": Words(
        zh="xlsx 工作簿自带编码；请删除 --encoding",
        en="an xlsx workbook carries its own encoding; remove --encoding",
    ),
    "import.sheet_of": Words(zh="{file}（工作表“{sheet}”）", en="{file} (sheet '{sheet}')"),
    "import.at_sheet_row": Words(
        zh="{file}：第 {line} 行：{problem}", en="{file}: row {line}: {problem}"
    ),
    "import.no_header": Words(
        zh="{source}：前 {rows} 行中没有表头；须有一行写明 target、period、value（或 指标、期间、数值）",
        en="{source}: no header in the first {rows} rows; one row must name the columns target, period and value (or 指标, 期间, 数值)",
    ),
    "import.cell_without_header": Words(
        zh="单元格 {cell} 有内容，但所在列没有表头；请为该列加上表头，或清除该单元格",
        en="cell {cell} has a value but its column has no header; give the column a header, or clear the cell",
    ),
    "help.import.opt.large": Words(
        zh="导入超过 50 MB 的文件（否则会被拒绝，以防选错文件）。",
        en="Import a file over 50 MB (refused without it, in case it is the wrong file).",
    ),
    "help.import.opt.sheet": Words(
        zh="xlsx 工作簿中要读取的工作表名称。默认：第一个工作表。",
        en="The sheet of an xlsx workbook to read. Default: the first sheet.",
    ),
    # ── reporting templates ─────────────────────────────────────────────────
    "template.title": Words(zh="{plan} {period} 指标填报表", en="{plan}: figures for {period}"),
    "template.title_owner": Words(
        zh="{plan} {period} 指标填报表（{owner}）", en="{plan}: figures of {owner} for {period}"
    ),
    "template.col.id": Words(zh="编号", en="ID"),
    "template.col.name": Words(zh="指标", en="Name"),
    "template.col.reporting_unit": Words(zh="填报单位", en="Reporting unit"),
    "template.col.unit": Words(zh="计量单位", en="Unit of measure"),
    "template.col.period": Words(zh="期间", en="Period"),
    "template.col.goal": Words(zh="年度目标", en="Annual target"),
    "template.col.previous": Words(zh="上期数", en="Previous figure"),
    "template.col.value": Words(zh="本期数", en="Value"),
    # Headers import reads as the started and milestone columns: keep them so.
    "template.col.started": Words(zh="开工", en="Started"),
    "template.col.milestone": Words(zh="完成节点", en="Milestone"),
    "template.col.progress_note": Words(zh="进展情况", en="Progress"),
    "template.col.problems": Words(zh="存在问题", en="Problems"),
    "template.col.measures": Words(zh="下一步措施", en="Next steps"),
    "template.value_prompt_title": Words(zh="本期数", en="This period's figure"),
    "template.value_prompt": Words(
        zh="填写本期数（数字）；百分比填 5.2，不要填 5.2%；没有数据的行留空。",
        en="The figure for this period, as a number: a percentage as 5.2, not 5.2%. Leave the cell empty when there is no figure.",
    ),
    "template.value_error_title": Words(zh="不是数字", en="Not a number"),
    "template.value_error": Words(
        zh="本期数应为数字，如 75 或 5.2；百分比填 5.2，不要填 5.2%。",
        en="The figure must be a number, such as 75 or 5.2; a percentage as 5.2, not 5.2%.",
    ),
    "template.none": Words(
        zh="{period} 没有需要填报的指标（季度指标在 3、6、9、12 月填报，年度指标在 12 月填报）；请换一个 --period 或 --section",
        en="no target reports a figure for {period} (quarterly targets report in March, June, September and December, annual ones in December); choose another --period or --section",
    ),
    "template.none_owner": Words(
        zh="{owner} 在 {period} 没有需要填报的指标（季度指标在 3、6、9、12 月填报，年度指标在 12 月填报）；请换一个 --period",
        en="no target of {owner} reports a figure for {period} (quarterly targets report in March, June, September and December, annual ones in December); choose another --period",
    ),
    "template.wrote": Words(
        zh="已写入 {file}：{period} 需填报的指标 {count} 项",
        en="Wrote {file}: {count} {count:line|lines} to report for {period}",
    ),
    # ── the ledger ──────────────────────────────────────────────────────────
    "ledger.is_folder": Words(
        zh="{file}：是文件夹；请给出台账文件的路径",
        en="{file}: is a folder; give the path of the ledger file",
    ),
    "ledger.looks_like_plan": Words(
        zh="{file}：这是计划文件，不是台账；请检查 --ledger（或 PLANTRACK_LEDGER），它应指向 actuals.toml",
        en="{file}: this is a plan, not a ledger; check --ledger (or PLANTRACK_LEDGER): it should name actuals.toml",
    ),
    "ledger.unexpected_key": Words(
        zh="{file}：意外的“{key}”；台账中只能有 [[entry]] 表，请删除它",
        en="{file}: unexpected '{key}'; the ledger holds only [[entry]] tables, remove it",
    ),
    "ledger.entry_not_array": Words(
        zh="{file}：“entry”必须写成 [[entry]] 表",
        en="{file}: 'entry' must be written as [[entry]] tables",
    ),
    "ledger.bad_entry": Words(
        zh="{file}：{where}：{problem}；请手工更正该条记录（见 docs/recording.md）",
        en="{file}: {where}: {problem}; correct that entry by hand (see docs/recording.md)",
    ),
    "ledger.entry_n": Words(zh="第 {number} 条记录", en="entry #{number}"),
    "ledger.entry_at_line": Words(
        zh="第 {number} 条记录（第 {line} 行）", en="entry #{number} (line {line})"
    ),
    "ledger.not_a_table": Words(zh="不是一个表", en="is not a table"),
    "ledger.unknown_field": Words(
        zh="未知字段“{key}”（可用字段：{fields}）", en="unknown field '{key}' (fields: {fields})"
    ),
    "ledger.missing_field": Words(zh="缺少字段“{key}”", en="field '{key}' is missing"),
    "ledger.value_not_finite": Words(
        zh="字段“value”：{value} 不是有限的数字", en="field 'value': {value} is not a finite number"
    ),
    "ledger.withdrawn_not_bool": Words(
        zh="字段“withdrawn”必须是 true 或 false", en="field 'withdrawn' must be true or false"
    ),
    "ledger.withdrawal_with_value": Words(
        zh="撤回记录（withdrawn = true）不能有 value",
        en="a withdrawal (withdrawn = true) has no value",
    ),
    "ledger.not_text": Words(
        zh="字段“{key}”必须是带引号的文字", en="field '{key}' must be text in quotes"
    ),
    "ledger.bad_period": Words(zh="字段“period”：{problem}", en="field 'period': {problem}"),
    "ledger.no_folder": Words(
        zh="{file}：文件夹 {folder} 不存在；请先创建，或用 --ledger 指定已有文件夹中的路径",
        en="{file}: the folder {folder} does not exist; create it or pass --ledger with a path in an existing folder",
    ),
    "ledger.lock_failed": Words(
        zh="{file}：无法创建锁文件（{reason}）；请确认你有权写入 {folder}",
        en="{file}: cannot create the lock file ({reason}); check that you may write to {folder}",
    ),
    "ledger.busy": Words(
        zh="{file}：另一个 plantrack 已写入 {seconds} 秒；请重试，或检查是否有卡住的进程",
        en="{file}: another plantrack has been writing for {seconds} s; try again, or check for a stuck process",
    ),
    "ledger.not_durable": Words(
        zh="{file}：已录入，但未能确认已写入磁盘（{reason}）；断电可能使其丢失，请检查磁盘后用 plantrack history 核对",
        en="{file}: recorded, but the disk did not confirm the write ({reason}); a power cut could lose it: check the disk, then check with plantrack history",
    ),
    "ledger.not_plain": Words(
        zh="{file}：不是普通文件（而是设备、管道或套接字）；请用 --ledger 给出台账文件的路径",
        en="{file}: not a regular file (a device, pipe or socket); give the ledger file's path with --ledger",
    ),
    "ledger.lock_not_plain": Words(
        zh="{file}：锁文件是符号链接或特殊文件，plantrack 不会使用它；请删除它，plantrack 会重新创建",
        en="{file}: the lock file is a symbolic link or a special file, which plantrack will not use; remove it and plantrack makes a new one",
    ),
    "ledger.read_only": Words(
        zh="{file}：台账是只读的，plantrack 不会改动它；如需录入，请先恢复写权限（如 chmod u+w）",
        en="{file}: the ledger is read-only, and plantrack will not change it; to record, make it writable again (e.g. chmod u+w)",
    ),
    "ledger.write_failed": Words(
        zh="{file}：无法写入（{reason}）；台账未改动；请检查磁盘空间和权限",
        en="{file}: cannot be written ({reason}); the ledger is unchanged; check free disk space and permissions",
    ),
    "ledger.value_too_large": Words(
        zh="字段“value”：数值过大（绝对值不能超过 {largest}）",
        en="field 'value': too large (at most {largest} in size)",
    ),
    "ledger.empty": Words(
        zh="{file}：尚未录入任何数据；录入方法：plantrack record 指标 数值 --period YYYY-MM（查看示例：plantrack status --demo）",
        en="{file}: no figures recorded yet; record one with: plantrack record TARGET VALUE --period YYYY-MM (or see a sample: plantrack status --demo)",
    ),
    "ledger.orphans_ignored": Words(
        zh="{file}：{count} 条数据所属指标已不在计划中，已忽略（{ids}）；plantrack validate 可列出这些数据",
        en="{file}: {count} {count:entry|entries} for targets not in the plan {count:is|are} ignored ({ids}); plantrack validate lists them",
    ),
    # ── ledger folder ──────────────────────────────────────────────────────
    "folder.link": Words(
        zh="{file}：是符号链接；台账文件夹中的每个 .toml 文件都必须是文件本身，因为 plantrack 在文件夹的锁下原地写入它；请用文件本身替换该链接，或把它移出文件夹",
        en="{file}: is a symbolic link; every .toml file in a ledger folder must be the file itself, since plantrack writes it in place under the folder's lock; replace the link with the file, or move it out of the folder",
    ),
    "folder.not_plain": Words(
        zh="{file}：不是普通文件（而是设备、管道或套接字）；台账文件夹中只能放台账文件，请把它移出文件夹",
        en="{file}: not a regular file (a device, pipe or socket); a ledger folder holds only ledger files, move it out of the folder",
    ),
    "folder.member_is_folder": Words(
        zh="{file}：这里应是台账文件，却是一个文件夹；请将该文件夹改名或移走",
        en="{file}: is a folder where plantrack keeps a ledger file; rename or move that folder",
    ),
    "folder.not_folder": Words(
        zh="{file}：不是文件夹；请给出台账文件夹的路径，或去掉末尾的“/”以使用单个台账文件",
        en="{file}: is not a folder; give the ledger folder's path, or leave out the trailing '/' for a ledger file",
    ),
    "folder.cannot_create": Words(
        zh="{file}：无法创建台账文件夹（{reason}）；请自行创建，或确认你有权写入其上级文件夹",
        en="{file}: the ledger folder cannot be created ({reason}); create it yourself, or check that you may write to the folder above it",
    ),
    "folder.read_only": Words(
        zh="{file}：台账文件夹是只读的，plantrack 不会改动它；如需录入，请先恢复写权限（如 chmod u+w）",
        en="{file}: the ledger folder is read-only, and plantrack will not change it; to record, make it writable again (e.g. chmod u+w)",
    ),
    "folder.validate_ok": Words(
        zh="{file}：{files} 个台账文件共 {count} 条记录，可以读取",
        en="{file}: {count} {count:entry|entries} in {files} {files:file|files}, OK",
    ),
    # ── validate ────────────────────────────────────────────────────────────
    "validate.plan_ok": Words(
        zh="{file}：{sections} 个板块共 {targets} 项目标，校验通过",
        en="{file}: {targets} {targets:target|targets} in {sections} {sections:section|sections}, OK",
    ),
    "validate.ledger_ok": Words(
        zh="{file}：共 {count} 条记录，可以读取", en="{file}: {count} {count:entry|entries}, OK"
    ),
    "validate.doubt": Words(
        zh="{file}：“{id}”{period}：{problem}（仅提示；如有误请用 plantrack record --replace 更正或 --withdraw 撤回）",
        en="{file}: '{id}' {period}: {problem} (a warning; if it is wrong, revise it with plantrack record --replace or take it back with --withdraw)",
    ),
    "validate.orphans": Words(
        zh="{file}：有 {count} 条“{id}”的记录，而计划中已没有该指标；这些记录会保留，status 不予计算（请在计划中恢复该指标，或用正确的编号重新录入）",
        en="{file}: {count} {count:entry|entries} for '{id}', which is not in the plan; they are kept and ignored by status (restore the target in the plan, or record the figures again under the right id)",
    ),
    # ── status words and table columns ──────────────────────────────────────
    "status.achieved": Words(zh="已完成", en="achieved"),
    "status.on_track": Words(zh="正常推进", en="on track"),
    "status.at_risk": Words(zh="预警", en="at risk"),
    "status.off_track": Words(zh="滞后", en="off track"),
    "status.missed": Words(zh="未完成", en="missed"),
    "status.no_data": Words(zh="未报送", en="no data"),
    "status.pending": Words(zh="待报（{date}）", en="due {date}"),
    "status.stale": Words(zh="逾期未报", en="overdue"),
    "status.bad_fail_on": Words(
        zh="“{text}”不是 at-risk 或 off-track", en="'{text}' is not at-risk or off-track"
    ),
    "status.bad_only": Words(
        zh="“{word}”不是状态；请用以下一个或多个，以逗号分隔：{allowed}",
        en="'{word}' is not a status; use one or more of {allowed}, joined by commas",
    ),
    "kind.growth": Words(zh="增速", en="growth"),
    "kind.total": Words(zh="累计量", en="total"),
    "kind.level": Words(zh="水平值", en="level"),
    "kind.milestone": Words(zh="节点任务", en="milestone"),
    "kind.limit": Words(zh="限值", en="limit"),
    "frequency.monthly": Words(zh="月报", en="monthly"),
    "frequency.quarterly": Words(zh="季报", en="quarterly"),
    "frequency.annual": Words(zh="年报", en="annual"),
    "qualifier.about": Words(zh="{amount}左右", en="about {amount}"),
    "qualifier.at_least": Words(zh="{amount}以上", en="at least {amount}"),
    "qualifier.at_most": Words(zh="{amount}以内", en="at most {amount}"),
    "quantity": Words(zh="{number}{unit}", en="{number} {unit}"),
    "quantity.percent": Words(zh="{number}{unit}", en="{number}{unit}"),
    "goal.range": Words(zh="{low}—{high}", en="{low}–{high}"),
    "goal.follows": Words(zh="同步于{name}", en="in step with {name}"),
    "goal.follows_offset": Words(
        zh="同步于{name}（{offset}）", en="in step with {name} ({offset})"
    ),
    "col.id": Words(zh="编号", en="ID"),
    "col.name": Words(zh="指标", en="Target"),
    "col.target": Words(zh="目标", en="Goal"),
    "col.baseline": Words(zh="上年基数", en="Baseline"),
    "col.kind": Words(zh="类型", en="Kind"),
    "col.frequency": Words(zh="报送频率", en="Reported"),
    "col.owner": Words(zh="责任单位", en="Owner"),
    "col.section": Words(zh="板块", en="Section"),
    "col.actual": Words(zh="实际", en="Actual"),
    "col.period": Words(zh="期间", en="Period"),
    "col.expected": Words(zh="序时要求", en="Expected"),
    "col.progress": Words(zh="完成进度", en="Progress"),
    "col.status": Words(zh="状态", en="Status"),
    "col.gap": Words(zh="差距", en="Gap"),
    "col.value": Words(zh="数值", en="Value"),
    "col.recorded_at": Words(zh="录入时间", en="Recorded at"),
    "col.by": Words(zh="录入人", en="By"),
    "col.source": Words(zh="来源", en="Source"),
    "col.note": Words(zh="备注", en="Note"),
    "col.revision": Words(zh="版本", en="Revision"),
    "col.month": Words(zh="月份", en="Month"),
    "milestone.done": Words(zh="完成", en="complete"),
    "revision.superseded": Words(zh="已被更正", en="superseded"),
    "revision.current": Words(zh="现行", en="current"),
    "revision.withdrawn": Words(zh="已撤回", en="withdrawn"),
    "revision.withdrawal": Words(zh="撤回", en="withdrawal"),
    "counted_not": Words(zh="不计入本年汇总", en="not counted this year"),
    "forecast.likely": Words(zh="预计年底可完成目标", en="likely to meet the target by year end"),
    "forecast.unlikely": Words(
        zh="预计年底难以完成目标", en="unlikely to meet the target by year end"
    ),
    "forecast.none": Words(zh="数据不足，无法预计", en="not enough data to forecast"),
    "verdict.line": Words(zh="{status}：{gap}", en="{status}: {gap}"),
    "forecast.line": Words(
        zh="年底预计：{forecast} — {verdict}", en="Year-end forecast: {forecast} — {verdict}"
    ),
    "demo.banner": Words(
        zh="演示数据：以下数字为示意，并非真实报送数据",
        en="DEMO: illustrative figures, not reported data",
    ),
    "headline.as_of": Words(
        zh="截至 {as_of}，序时进度 {elapsed}", en="As of {as_of}: {elapsed} of the year elapsed"
    ),
    "gap.on_schedule": Words(zh="与序时持平", en="on schedule"),
    "gap.growth_above": Words(zh="高于目标{amount}", en="{amount} above target"),
    "gap.growth_below": Words(zh="低于目标{amount}", en="{amount} below target"),
    "gap.level_above": Words(zh="高于序时要求{amount}", en="{amount} above expected"),
    "gap.level_below": Words(zh="低于序时要求{amount}", en="{amount} below expected"),
    "gap.ahead": Words(zh="超序时进度{amount}", en="ahead of schedule by {amount}"),
    "gap.behind": Words(zh="落后序时进度{amount}", en="behind schedule by {amount}"),
    "gap.final_share": Words(zh="完成年度目标的{share}", en="{share} of the target"),
    "gap.ceiling.inside": Words(zh="低于上限{amount}", en="{amount} under the ceiling"),
    "gap.ceiling.outside": Words(zh="超出上限{amount}", en="{amount} over the ceiling"),
    "gap.floor.inside": Words(zh="高于下限{amount}", en="{amount} above the floor"),
    "gap.floor.outside": Words(zh="低于下限{amount}", en="{amount} below the floor"),
    "gap.ceiling.at": Words(zh="与上限持平", en="at the ceiling"),
    "gap.floor.at": Words(zh="与下限持平", en="at the floor"),
    # the unit of a gap in percentage points; a wrapped line keeps it with its number
    "unit.points": Words(zh="个百分点", en="points"),
    "month.1": Words(zh="1月", en="Jan"),
    "month.2": Words(zh="2月", en="Feb"),
    "month.3": Words(zh="3月", en="Mar"),
    "month.4": Words(zh="4月", en="Apr"),
    "month.5": Words(zh="5月", en="May"),
    "month.6": Words(zh="6月", en="Jun"),
    "month.7": Words(zh="7月", en="Jul"),
    "month.8": Words(zh="8月", en="Aug"),
    "month.9": Words(zh="9月", en="Sep"),
    "month.10": Words(zh="10月", en="Oct"),
    "month.11": Words(zh="11月", en="Nov"),
    "month.12": Words(zh="12月", en="Dec"),
    "month.jan_feb": Words(zh="1-2月", en="Jan-Feb"),
    # ── reports ─────────────────────────────────────────────────────────────
    "report.counts": Words(
        zh="计入目标 {total} 项：{counts}；{stale}",
        en="{total} {total:target|targets} counted: {counts}; {stale}",
    ),
    "report.separator": Words(zh="，", en=", "),
    "report.attention": Words(
        zh="需要关注（未完成、滞后、预警、逾期未报）",
        en="Needs attention (missed, off track, at risk, overdue)",
    ),
    "report.nothing": Words(zh="无", en="Nothing."),
    "report.actual": Words(zh="{value}（{month}）", en="{value} ({period})"),
    "report.jan_feb_period": Words(zh="{year}年1-2月", en="Jan-Feb {year}"),
    "report.section": Words(zh="【{name}】", en="== {name} =="),
    "report.goal": Words(zh="目标{goal}", en="goal {goal}"),
    "report.done": Words(zh="完成{progress}", en="{progress} done"),
    "report.line": Words(zh="{status}  {name}：{details}", en="{status}  {name}: {details}"),
    "report.bad_format": Words(
        zh="“{text}”不是可用的格式；可选：{formats}", en="'{text}' is not one of {formats}"
    ),
    "html.lang": Words(zh="zh-CN", en="en"),
    # ── the HTML report's charts: their text alternatives ───────────────────
    "chart.counts": Words(zh="各状态指标数：{counts}", en="Targets by status: {counts}"),
    "chart.target": Words(
        zh="{name}逐月实际与序时要求：{months}",
        en="{name}, actual against expected month by month: {months}",
    ),
    "chart.month": Words(
        zh="{month}实际{actual}，序时要求{expected}",
        en="{month} actual {actual}, expected {expected}",
    ),
    "chart.none": Words(zh="无", en="none"),
    "chart.separator": Words(zh="；", en="; "),
    "report.charts_limited": Words(
        zh="需要关注的指标超过 {limit} 项，仅前 {limit} 项附逐月走势图",
        en="More than {limit} targets need attention: only the first {limit} have a monthly chart",
    ),
    "csv.section": Words(zh="板块", en="section"),
    "csv.id": Words(zh="编号", en="id"),
    "csv.name": Words(zh="指标", en="name"),
    "csv.owner": Words(zh="责任单位", en="owner"),
    "csv.kind": Words(zh="类型", en="kind"),
    "csv.unit": Words(zh="计量单位", en="unit"),
    "csv.target": Words(zh="目标", en="target"),
    "csv.actual": Words(zh="实际", en="actual"),
    "csv.period": Words(zh="期间", en="period"),
    "csv.expected": Words(zh="序时要求", en="expected"),
    "csv.progress": Words(zh="完成进度", en="progress"),
    "csv.gap": Words(zh="差距", en="gap"),
    "csv.status": Words(zh="状态", en="status"),
    "csv.stale": Words(zh="逾期未报", en="stale"),
    "csv.forecast": Words(zh="年底预计", en="forecast"),
    "csv.progress_note": Words(zh="进展情况", en="progress notes"),
    "csv.problems": Words(zh="存在问题", en="problems"),
    "csv.measures": Words(zh="下一步措施", en="next measures"),
    "csv.counted": Words(zh="计入本年汇总", en="counted"),
    "csv.true": Words(zh="是", en="true"),
    "csv.false": Words(zh="否", en="false"),
    # ── the xlsx report ─────────────────────────────────────────────────────
    "xlsx.summary": Words(zh="汇总", en="Summary"),
    "xlsx.counted": Words(zh="计入目标合计", en="Targets counted"),
    "xlsx.col.target_value": Words(zh="目标值", en="Target value"),
    "xlsx.col.unit": Words(zh="计量单位", en="Unit"),
    # ── output files ────────────────────────────────────────────────────────
    "output.is_folder": Words(
        zh="{file} 是文件夹；请给出文件名，如 {example}",
        en="{file} is a folder; give a file name, such as {example}",
    ),
    "output.not_plain": Words(
        zh="{file}：已存在且不是普通文件（而是设备、管道或套接字）；请换一个输出文件名",
        en="{file}: exists and is not a regular file (a device, pipe or socket); choose another output file",
    ),
    "output.is_link": Words(
        zh="{file}：是符号链接，plantrack 不会经由它写入；请删除它，或换一个空文件夹",
        en="{file}: is a symbolic link, which plantrack will not write through; remove it or choose an empty folder",
    ),
    "output.no_folder": Words(
        zh="文件夹 {folder} 不存在；请先创建，或换一个路径",
        en="the folder {folder} does not exist; create it or choose another path",
    ),
    "output.cannot_write": Words(
        zh="{file}：无法写入（{reason}）", en="{file}: cannot be written ({reason})"
    ),
    "output.needs_folder": Words(
        zh="{file} 是文件，但共有 {count} 封邮件；请给出文件夹",
        en="{file} is a file, but there are {count} messages; give a folder",
    ),
    "output.is_data": Words(
        zh="{file} 是计划、台账或邮件设置文件；写入会覆盖它，请换一个文件名",
        en="{file} is the plan, the ledger or the mail settings; writing there would replace it, choose another name",
    ),
    "output.wrote": Words(zh="已写入 {file}", en="Wrote {file}"),
    "output.xlsx_suffix": Words(
        zh="{file} 将是 xlsx 工作簿，文件名须以 .xlsx 结尾，否则 Excel 和 plantrack import 都打不开；如 -o {example}",
        en="{file} would hold an xlsx workbook, and its name must end in .xlsx, or neither Excel nor plantrack import can open it; use -o {example}",
    ),
    "output.xlsx_needs_file": Words(
        zh="xlsx 工作簿不能输出到屏幕或管道；请用 -o 给出文件名，如 -o {example}",
        en="an xlsx workbook cannot go to standard output; give a file name with -o, such as -o {example}",
    ),
    # ── mail ────────────────────────────────────────────────────────────────
    "mail.bad_address": Words(
        zh="“{value}”不是电子邮件地址；请写成 name@example.gov.cn",
        en="'{value}' is not an e-mail address; write it as name@example.gov.cn",
    ),
    "mail.bad_subject": Words(
        zh="模板“{template}”中有未知的占位符 {problem}；请用 {{title}}、{{title_en}} 或 {{as_of}}，花括号本身请写成 {{{{ 或 }}}}",
        en="the template '{template}' has an unknown placeholder {problem}; use {{title}}, {{title_en}} or {{as_of}}, and write a brace itself as {{{{ or }}}}",
    ),
    "mail.default_subject": Words(
        zh="{title} 执行情况（截至{as_of}）", en="{title_en}: progress as of {as_of}"
    ),
    "mail.owner_subtitle": Words(zh="责任单位：{owner}", en="Owner: {owner}"),
    "mail.owner_unknown": Words(
        zh='plantrack.toml：[owners."{owner}"]：计划中没有指标以它为责任单位；计划中的责任单位：{owners}',
        en='plantrack.toml: [owners."{owner}"]: no target in the plan has this owner; owners in the plan: {owners}',
    ),
    "mail.no_owners": Words(zh="无", en="none"),
    "mail.no_password": Words(
        zh="未设置，但 [smtp] 中有 username；请在命令的环境中设置它（docs/cron.md 说明了 cron 中的做法）",
        en="not set, but [smtp] username is; set it in the environment of the command (docs/cron.md shows how for cron)",
    ),
    "mail.no_settings": Words(
        zh="{file}：在计划文件旁找不到；请按 docs/cron.md 创建它并写明 [smtp] 表（host、sender），或用 --config 指定路径",
        en="{file}: not found beside the plan; create it with an [smtp] table (host, sender) as docs/cron.md shows, or pass --config PATH",
    ),
    "mail.no_recipients": Words(
        zh='没有收件人：请用 --to 地址，或在 plantrack.toml 的 [email] 中设置 to = ["..."]',
        en='no recipients: pass --to ADDRESS, or set to = ["..."] in [email] of plantrack.toml',
    ),
    "mail.unaddressed_owners": Words(
        zh="plantrack.toml 中没有这些责任单位的地址：{owners}；它们的指标只出现在完整汇总中",
        en="owners without addresses in plantrack.toml: {owners}; their targets are in the full summary only",
    ),
    "mail.sent": Words(zh="已发送“{subject}”至 {addresses}", en="Sent '{subject}' to {addresses}"),
    "mail.recipient_refused": Words(
        zh="{server}：收件人 {address} 被拒绝（{reason}）；请检查 plantrack.toml 或 --to 中的地址",
        en="{server}: recipient {address} refused ({reason}); check the address in plantrack.toml or --to",
    ),
    "fix.host": Words(
        zh='请添加 host = "smtp.example.gov.cn"（邮件服务器）',
        en='add host = "smtp.example.gov.cn" (the mail server)',
    ),
    "fix.sender": Words(
        zh='请添加 sender = "发改局 <fgj@example.gov.cn>"（发件人）',
        en='add sender = "发改局 <fgj@example.gov.cn>" (the From address)',
    ),
    "fix.smtp": Words(
        zh="请添加 [smtp] 表，写明 host 和 sender", en="add an [smtp] table with host and sender"
    ),
    "smtp.tls_failed": Words(
        zh="{server}：TLS 连接失败（{reason}）；请检查 [smtp] 中的 security 和 port，或把 cafile 设为服务器所用的证书颁发机构{already}",
        en="{server}: TLS failed ({reason}); check security and port in [smtp], or set cafile to the certificate authority your server uses{already}",
    ),
    "smtp.timeout": Words(
        zh="{server}：{seconds} 秒内没有应答；请检查 host、port 和防火墙，或调大 [smtp] 中的 timeout{already}",
        en="{server}: no answer within {seconds} s; check host, port and any firewall, or raise timeout in [smtp]{already}",
    ),
    "smtp.refused": Words(
        zh="{server}：连接被拒绝；请检查 [smtp] 中的 host 和 port，并确认邮件服务器正在运行",
        en="{server}: connection refused; check host and port in [smtp] and that the mail server is running",
    ),
    "smtp.unknown_host": Words(
        zh="{server}：未知的主机；请检查 [smtp] 中的 host",
        en="{server}: unknown host; check host in [smtp]",
    ),
    "smtp.os_error": Words(
        zh="{server}：{detail}；请检查 [smtp] 中的 host 和 port{already}",
        en="{server}: {detail}; check host and port in [smtp]{already}",
    ),
    "smtp.login_refused": Words(
        zh="{server}：用户“{user}”登录被拒绝（{code}）；请检查 [smtp] 中的 username 和 PLANTRACK_SMTP_PASSWORD",
        en="{server}: login refused for user '{user}' ({code}); check username in [smtp] and PLANTRACK_SMTP_PASSWORD",
    ),
    "smtp.feature_login": Words(zh="登录（AUTH）", en="login (AUTH)"),
    "smtp.not_offered": Words(
        zh='{server}：服务器不支持 {feature}；请在 [smtp] 中设置 security = "ssl" 或 "none"，如无需登录请删除 username',
        en='{server}: the server does not offer {feature}; set security = "ssl" or "none" in [smtp], or remove username if it needs no login',
    ),
    "smtp.sender_refused": Words(
        zh="{server}：发件人 {sender} 被拒绝（{code} {reply}）；请检查 [smtp] 中的 sender{already}",
        en="{server}: sender {sender} refused ({code} {reply}); check sender in [smtp]{already}",
    ),
    "smtp.closed": Words(
        zh="{server}：服务器关闭了连接（{detail}）；请稍后重试{already}",
        en="{server}: the server closed the connection ({detail}); try again later{already}",
    ),
    "smtp.reply": Words(
        zh="{server}：{code} {reply}{already}", en="{server}: {code} {reply}{already}"
    ),
    "smtp.other": Words(zh="{server}：{detail}{already}", en="{server}: {detail}{already}"),
    "smtp.already_sent": Words(zh="；已发送至 {addresses}", en="; already sent to {addresses}"),
    # ── mail: header injection, subject templates, the deadline, login in clear ─
    "mail.bad_host": Words(
        zh="“{host}”不是有效的服务器名称（每段 1 到 63 个字符，以“.”分隔）；请写如 smtp.example.gov.cn",
        en="'{host}' is not a valid server name (labels of 1 to 63 characters between dots); write it as smtp.example.gov.cn",
    ),
    "mail.cafile_missing": Words(
        zh="找不到证书文件“{file}”；请检查路径，或删除 cafile 以使用系统证书",
        en="the certificate file '{file}' is not there; check the path, or remove cafile to use the system's certificates",
    ),
    "mail.cafile_not_plain": Words(
        zh="“{file}”不是普通文件；cafile 须是 PEM 格式的证书文件",
        en="'{file}' is not a regular file; cafile must be a certificate file in PEM format",
    ),
    "mail.control_char": Words(
        zh="“{value}”中有换行符或控制字符；邮件头只能占一行，请删去该字符",
        en="'{value}' contains a line break or control character; a mail header is one line, so remove it",
    ),
    "mail.subject_not_plain": Words(
        zh="模板“{template}”中的 {placeholder} 带有格式、转换、属性或下标，这些都不允许；请只写 {{title}}、{{title_en}} 或 {{as_of}}",
        en="the template '{template}' has {placeholder}, with a format, conversion, attribute or index, which is not allowed; write {{title}}, {{title_en}} or {{as_of}} alone",
    ),
    "mail.subject_brace": Words(
        zh="模板“{template}”中有不成对的花括号；占位符请写成 {{title}}、{{title_en}} 或 {{as_of}}，花括号本身请写成 {{{{ 或 }}}}",
        en="the template '{template}' has a brace without its pair; write placeholders as {{title}}, {{title_en}} or {{as_of}}, and a brace itself as {{{{ or }}}}",
    ),
    "smtp.deadline": Words(
        zh="{server}：{seconds} 秒内未能发完一封邮件；请检查邮件服务器，或调大 [smtp] 中的 deadline{already}",
        en="{server}: a message was not through within {seconds} s; check the mail server, or raise deadline in [smtp]{already}",
    ),
    "smtp.plain_auth": Words(
        zh='设置了 username，但 security = "none" 会以明文发送密码；请改用 security = "starttls" 或 "ssl"，若到服务器的网络确实可信，可设置 allow_plain_auth = true',
        en='username is set, but security = "none" would send the password unencrypted; use security = "starttls" or "ssl", or set allow_plain_auth = true if the network to the server is trusted',
    ),
    # ── the command line ────────────────────────────────────────────────────
    "usage.see_help": Words(zh="请看 {command} -h", en="see '{command} -h'"),
    "usage.no_such_option": Words(
        zh="{option}: 没有这个选项；{hint}{see}", en="{option}: no such option; {hint}{see}"
    ),
    "usage.needs_value": Words(
        zh="{option}: 需要一个值；{see}", en="{option}: needs a value; {see}"
    ),
    "usage.takes_no_value": Words(
        zh="{option}: 不接受值；{see}", en="{option}: takes no value; {see}"
    ),
    "usage.missing": Words(zh="{name}: 缺少；{see}", en="{name}: missing; {see}"),
    "usage.extra_arguments": Words(
        zh="多余的参数：{args}；含空格的文字请加引号；{see}",
        en="unexpected extra arguments: {args}; put text with spaces in quotes; {see}",
    ),
    "usage.no_such_command": Words(
        zh="“{name}”不是 plantrack 的命令；{hint}plantrack -h 可列出全部命令",
        en="'{name}' is not a plantrack command; {hint}'plantrack -h' lists them",
    ),
    "usage.missing_command": Words(
        zh="缺少命令；plantrack -h 可列出全部命令", en="no command given; 'plantrack -h' lists them"
    ),
    "usage.other": Words(zh="{detail}；{see}", en="{detail}; {see}"),
    "usage.aborted": Words(zh="已中止", en="Aborted"),
    "exit.ok": Words(zh="完成", en="done"),
    "exit.error": Words(
        zh="输入有误、数据被拒绝、文件无法读取或邮件发送失败；标准错误输出逐行说明每个问题",
        en="bad input, a refused figure, an unreadable file, or a failed delivery; stderr says which, one line per problem",
    ),
    "exit.usage": Words(
        zh="命令行无法识别（未知选项、缺少参数）",
        en="the command line was not understood (unknown option, missing argument)",
    ),
    "exit.fail_on": Words(
        zh="`status --fail-on` 发现计入汇总的目标达到或超过阈值",
        en="`status --fail-on` found a counted target at or past the threshold",
    ),
    # ── help ────────────────────────────────────────────────────────────────
    "help.usage": Words(zh="用法：", en="Usage: "),
    "help.options_metavar": Words(zh="[选项]", en="[OPTIONS]"),
    "help.subcommand_metavar": Words(zh="命令 [参数]...", en="COMMAND [ARGS]..."),
    "help.section.arguments": Words(zh="参数", en="Arguments"),
    "help.section.options": Words(zh="选项", en="Options"),
    "help.section.commands": Words(zh="命令", en="Commands"),
    "help.required": Words(zh="必填", en="required"),
    "help.default": Words(zh="默认：{default}", en="default: {default}"),
    "help.env_var": Words(zh="环境变量：{var}", en="env var: {var}"),
    "help.cmd.plantrack": Words(
        zh="逐月跟踪国民经济和社会发展年度计划的目标：在 targets.toml 中声明目标，录入实际完成数，查看哪些目标跟上了序时进度。",
        en="Track the targets of an annual development plan month by month: declare them in targets.toml, record actuals, see which keep pace with the year.",
    ),
    "help.short.plantrack": Words(
        zh="逐月跟踪年度计划的目标", en="Track an annual plan's targets month by month"
    ),
    "help.cmd.validate": Words(
        zh="检查计划文件和台账：列出每个问题，或各用一行报告通过。\n\n所属指标已不在计划中的记录会被列出；它们留在台账中，status 不予计算。",
        en="Check the plan file and the ledger: every problem, or one line each saying OK.\n\nEntries for targets that are no longer in the plan are listed; they stay in the ledger and status ignores them.",
    ),
    "help.short.validate": Words(zh="检查计划文件和台账", en="Check the plan file and the ledger"),
    "help.cmd.targets": Words(
        zh="按板块列出计划的全部目标。", en="Show the plan's targets, grouped by section."
    ),
    "help.short.targets": Words(
        zh="按板块列出全部目标", en="Show the plan's targets, grouped by section"
    ),
    "help.cmd.record": Words(
        zh="在台账中为一项指标录入某月的一个数据，或撤回已录入的数据。\n\n同一指标同一月份再次录入会被拒绝，除非加 --replace；原数据作为已被更正的记录保留在台账中。月份结束后才能录入该月数据。看似有误的数据（超过目标3倍、累计数下降、数量带小数、百分数超出 -100 到 1000）需加 --force。--withdraw 撤回现行数据，之前的数据（如有）重新生效。",
        en="Record one figure for a target and month in the ledger, or withdraw one.\n\nA second figure for the same target and month is refused unless --replace is given; the earlier one stays in the ledger, superseded, for the record. A month's figures can be recorded once the month is over. A figure that looks wrong (over 3 times the target, a falling year-to-date total, a fraction of a count, a percentage outside -100 to 1,000) needs --force. --withdraw takes back the figure in force, and the one before it, if any, is in force again.",
    ),
    "help.short.record": Words(
        zh="为一项指标录入某月的数据", en="Record one figure for a target and month"
    ),
    "help.cmd.import": Words(
        zh="从 CSV 文件或 xlsx 工作簿一次录入一个月的数据，要么全部录入，要么一条不录。\n\n每一行都按 record 的规则检查；只要有一行有问题，就不写入任何数据，并按行号（CSV 表头为第 1 行；xlsx 按 Excel 显示的行号）列出每个问题。",
        en="Record a month's figures from a CSV file or an xlsx workbook, all or nothing.\n\nEvery row is checked as `record` would check it; if any row is bad, nothing is written and every bad row is reported with its line number (the header of a CSV is line 1; an xlsx sheet's rows are numbered as Excel shows them).",
    ),
    "help.short.import": Words(
        zh="从 CSV 或 xlsx 文件录入数据，全部或全不",
        en="Record figures from a CSV or xlsx file, all or nothing",
    ),
    "help.cmd.template": Words(
        zh="写出责任单位填报一期数据用的 xlsx 表格；填好后用 plantrack import 读回。\n\n列：编号、指标、计量单位、期间（已填）、年度目标、上期数（上一报送期的现行数据）、本期数（待填，黄色）、进展情况、存在问题、下一步措施。只列该期需要报送的指标：月度指标每月（1-2 月合并报送时 1 月不报），季度指标在 3、6、9、12 月，年度指标在 12 月。本期数为空的行在导入时跳过。",
        en="Write the xlsx sheet a department fills in with a period's figures; plantrack import reads it back.\n\nColumns: ID, Name, Unit, Period (filled in), Annual target, Previous figure (the figure in force for the previous reporting period), Value (to fill in, yellow), Progress, Problems, Next steps. Only the targets that report for the period: monthly ones every month (not January when January and February report together), quarterly ones in March, June, September and December, annual ones in December. Rows whose Value is empty are skipped on import.",
    ),
    "help.short.template": Words(
        zh="写出供责任单位填报的 xlsx 表格", en="Write the xlsx sheet a department fills in"
    ),
    "help.cmd.history": Words(
        zh="一项指标录入过的全部数据，包括已被更正的版本。",
        en="Every figure recorded for one target, superseded revisions included.",
    ),
    "help.short.history": Words(
        zh="一项指标的全部录入记录", en="Every figure recorded for one target"
    ),
    "help.cmd.export": Words(
        zh="输出每项指标每月现行的数据（最新版本），格式为 CSV 或 JSON；或用 -o 写入文件，也可写成 xlsx 工作簿。\n\n列：target、period、value、recorded_at、by、source、note、progress_note、problems、measures、unit（分解到单位的指标中该单位自己的数，否则为空），无论何种语言都用这些英文列名和原始数值，便于脚本读取。CSV 写入文件时为带 BOM 的 UTF-8（Excel 可正确显示中文），输出到屏幕时不带 BOM。电子表格会当作公式执行的文字单元格前加撇号（xlsx 中存为文本）。",
        en="Print the figure in force for each target and month (latest revision), as CSV or JSON; or write them to a file with -o, also as an xlsx workbook.\n\nColumns: target, period, value, recorded_at, by, source, note, progress_note, problems, measures, unit (the unit whose own figure it is, for a target split to units; else empty), with these English names and raw values whatever the language, for scripts. A CSV file is UTF-8 with a BOM (so that Excel shows Chinese); CSV on standard output has none. Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe (stored as text in xlsx).",
    ),
    "help.short.export": Words(
        zh="输出现行数据（CSV、JSON 或 xlsx）", en="The figures in force as CSV, JSON or xlsx"
    ),
    "help.cmd.status": Words(
        zh="每项目标的进展：实际完成与序时进度对照。\n\n按板块分组的表格，以红黄绿标示状态，标出逾期未报，并汇总各状态的数量。规则见 docs/progress.md。",
        en="Where every target stands: actual against the time-elapsed schedule (序时进度).\n\nA table grouped by section with red/amber/green status, overdue reports marked, and counts per status. See docs/progress.md for the rules.",
    ),
    "help.short.status": Words(
        zh="每项目标对照序时进度的进展", en="Where every target stands against the schedule"
    ),
    "help.cmd.show": Words(
        zh="一项指标的详情：定义、逐月对照序时要求、走势图、年底预计及判断，以及每一条录入记录。",
        en="One target in detail: its definition, month by month against the schedule, a sparkline, the year-end forecast and its verdict, and every recorded figure.",
    ),
    "help.short.show": Words(zh="一项指标的详情", en="One target in detail"),
    "help.cmd.sections": Words(
        zh="按板块和责任单位统计各状态的目标数。",
        en="Counts of targets in each status, per section and per owner.",
    ),
    "help.short.sections": Words(
        zh="按板块和责任单位统计状态", en="Counts per status, per section and per owner"
    ),
    "help.cmd.report": Words(
        zh="供邮件、群聊或电子表格使用的汇总：先列需要关注的目标，再列各板块。\n\ntext 为纯文本，宽 80 列；markdown 适合聊天工具和维基；html 为一个自带内联样式的网页；csv 每项目标一行，表头和文字随语言（写入文件时为带 BOM 的 UTF-8，Excel 可正确显示中文）；json 与 status --json 相同；xlsx 为 Excel 工作簿（须用 -o 写入文件）：汇总表，然后每个板块、每个责任单位各一张表。",
        en="A summary for mail, chat or spreadsheets: what needs attention first, then each section.\n\ntext is plain and fits 80 columns; markdown suits chat tools and wikis; html is one self-contained page with inline styles; csv has one row per target, headers and words in the reader's language (UTF-8 with a BOM when written to a file, so that Excel shows Chinese); json is the `status --json` contract; xlsx is an Excel workbook (it needs -o and a file): a summary sheet, then a sheet for each section and each owner.",
    ),
    "help.short.report": Words(
        zh="供邮件、群聊或表格使用的汇总", en="A summary for mail, chat or spreadsheets"
    ),
    "help.cmd.email": Words(
        zh="通过 SMTP 发送汇总邮件（同一封邮件含纯文本和 HTML）；供 cron 使用。\n\nSMTP 密码只从环境变量 PLANTRACK_SMTP_PASSWORD 读取。见 docs/cron.md。",
        en="Mail the summary (text and HTML in one message) over SMTP; for cron.\n\nThe SMTP password comes only from the environment variable PLANTRACK_SMTP_PASSWORD. See docs/cron.md.",
    ),
    "help.short.email": Words(zh="通过 SMTP 发送汇总邮件", en="Mail the summary over SMTP"),
    "help.opt.help": Words(zh="显示帮助并退出。", en="Show the help and exit."),
    "help.opt.version": Words(zh="显示版本号并退出。", en="Show the version and exit."),
    "help.opt.plan": Words(
        zh="计划文件。默认：$PLANTRACK_PLAN，否则为当前或最近上级文件夹中的 targets.toml。",
        en="The plan file. Default: $PLANTRACK_PLAN, else targets.toml in this folder or the nearest parent.",
    ),
    "help.opt.ledger": Words(
        zh="实际完成数台账：一个文件，或每个单位一个文件的文件夹（已有的文件夹，或以 / 结尾的路径，见 docs/collaboration.md）。默认：$PLANTRACK_LEDGER，否则为计划文件旁的 actuals.toml。",
        en="The ledger of actuals: a file, or a folder with a file per unit (an existing folder, or a path ending in /; see docs/collaboration.md). Default: $PLANTRACK_LEDGER, else actuals.toml beside the plan.",
    ),
    "help.opt.lang": Words(
        zh="zh 或 en。默认：$PLANTRACK_LANG，否则按系统语言环境（LC_ALL、LC_MESSAGES、LANG）。",
        en="zh or en. Default: $PLANTRACK_LANG, else from the locale (LC_ALL, LC_MESSAGES, LANG).",
    ),
    "help.opt.as_json": Words(
        zh="输出供其他程序读取的 JSON，而不是表格。",
        en="Print JSON for other programs instead of a table.",
    ),
    "help.opt.section": Words(
        zh="只看这个板块（编号，或中文、英文名称）。",
        en="Only this section (its id, or its Chinese or English name).",
    ),
    "help.opt.owner": Words(
        zh="只看这个责任单位的目标。", en="Only the targets of this owner (department)."
    ),
    "help.projects.opt.as_of": Words(
        zh="要评估的月份：2023-06、2023-Q2 或 2023-H1，须在计划年度内。默认：有项目报送投资的最近月份；都未报送时同 status。",
        en="The month to assess: 2023-06, 2023-Q2 or 2023-H1, in the plan year. Default: the latest month a project reported its investment for; with none, as status chooses.",
    ),
    "help.opt.as_of": Words(
        zh="要评估的月份：2023-06、2023-Q2 或 2023-H1，须在计划年度内。默认：月报指标报送的最近月份。",
        en="The month to assess: 2023-06, 2023-Q2 or 2023-H1, in the plan year. Default: the latest month a monthly target reported.",
    ),
    "help.opt.by": Words(
        zh="录入人。默认：你的登录名。", en="Who is recording. Default: your login name."
    ),
    "help.opt.replace": Words(
        zh="更正同一指标同一月份已录入的数据。",
        en="Revise a figure already recorded for the same target and month.",
    ),
    "help.opt.output": Words(
        zh="写入此文件，而不是输出到屏幕。", en="Write to this file instead of standard output."
    ),
    "help.record.arg.target": Words(
        zh="指标的编号、完整名称，或只对应一项指标的部分名称。",
        en="The target's id, its exact name, or a part of a name that fits one target.",
    ),
    "help.record.arg.value": Words(
        zh="数据：1500、1,500、-1.8、5.2%（以 % 计的指标）、done / not-started（节点任务）。除按增量录入的指标外，均为年初至今的累计数。撤回（--withdraw）时不写。",
        en="The figure: 1500, 1,500, -1.8, 5.2% (for a target in %), done / not-started (milestones). Year-to-date unless the target records increments. Left out with --withdraw.",
    ),
    "help.arg.target": Words(zh="指标的编号或名称。", en="The target's id or name."),
    "help.record.opt.period": Words(
        zh="2023-06、2023-Q2 或 2023-H1（季度或半年指其最后一个月）。默认：上个月。",
        en="2023-06, 2023-Q2 or 2023-H1 (a quarter or half year means its last month). Default: last month.",
    ),
    "help.record.opt.unit": Words(
        zh="该数是哪个单位自己的（单位编号或名称），用于分解到单位的指标；不写则为全区数。",
        en="The unit (id or name) whose own figure this is, for a target split to units; without it, the district's figure.",
    ),
    "record.of_unit": Words(zh="{unit}：{done}", en="{unit}: {done}"),
    "help.record.opt.source": Words(
        zh="数据来源（如统计局月报）。", en="Where the figure comes from (统计局月报)."
    ),
    "col.progress_note": Words(zh="进展情况", en="Progress notes"),
    "col.problems": Words(zh="存在问题", en="Problems"),
    "col.measures": Words(zh="下一步措施", en="Next measures"),
    "notes.line": Words(zh="{name}：{text}", en="{name}: {text}"),
    "notes.heading": Words(zh="{name}（{period}）", en="{name} ({period})"),
    "completion.not_plain": Words(
        zh="{file}：不是普通文件，无法在其中安装命令补全；请把它换成普通文件后重试",
        en="{file}: not a regular file, so completion cannot be installed in it; make it a regular file and try again",
    ),
    "completion.not_a_folder": Words(
        zh="{file}：应是存放补全脚本的文件夹，却是文件；请改名或删除它后重试",
        en="{file}: should be the folder for completion scripts but is a file; rename or remove it and try again",
    ),
    "completion.failed": Words(
        zh="无法安装命令补全（{reason}）；请检查主目录中的 shell 配置文件",
        en="completion could not be installed ({reason}); check the shell's start-up files in your home folder",
    ),
    "help.opt.install_completion": Words(
        zh="为当前 shell（bash、zsh、fish 或 PowerShell）安装命令补全，之后按 Tab 补全命令和选项。",
        en="Install completion for the current shell (bash, zsh, fish or PowerShell): Tab then completes commands and options.",
    ),
    "help.opt.show_completion": Words(
        zh="显示当前 shell 的补全脚本，以便复制或自行安装。",
        en="Show the completion script for the current shell, to copy it or install it yourself.",
    ),
    "help.record.opt.note": Words(zh="随数据保存的备注。", en="A remark kept with the figure."),
    "help.record.opt.progress": Words(
        zh="进展情况：本期工作推进到哪一步（随数据保存，报告中列在预警、滞后和未完成的指标下）。",
        en="Progress: how far the work has come this period (kept with the figure; reports print it under targets at risk, off track or missed).",
    ),
    "help.record.opt.problems": Words(
        zh="存在问题：影响进度的困难和问题。", en="Problems: what holds the work back."
    ),
    "help.record.opt.measures": Words(
        zh="下一步措施：如何赶上进度。",
        en="Next measures: what will be done next to catch up.",
    ),
    "help.record.opt.withdraw": Words(
        zh="撤回该指标该月现行的数据（不写 VALUE）：它之前的数据（如有）重新生效；不删除任何记录。",
        en="Take back the figure in force for the target and month (no VALUE): the one before it, if any, is in force again; nothing is deleted.",
    ),
    "help.opt.force": Words(
        zh="仍录入看似有误的数据（超过目标3倍、累计数下降、数量带小数、百分数超出 -100 到 1000），否则会被拒绝。",
        en="Record a figure that looks wrong all the same (over 3 times the target, a falling year-to-date total, a fraction of a count, a percentage outside -100 to 1,000); without it such a figure is refused.",
    ),
    "help.import.arg.file": Words(
        zh="CSV 文件或 xlsx 工作簿，表头为 target,period,value（或 指标、期间、数值），可另有 source、note（来源、备注）列。",
        en="A CSV file or xlsx workbook with the header target,period,value and optional source,note columns (Chinese headers too).",
    ),
    "help.import.opt.encoding": Words(
        zh="指定文件编码（utf-8、utf-8-sig、gbk）。默认：UTF-8（带或不带 BOM），否则 GBK。",
        en="Force the file's encoding (utf-8, utf-8-sig, gbk). Default: UTF-8 (with or without BOM), else GBK.",
    ),
    "help.import.opt.dry_run": Words(
        zh="检查每一行，但不写入。", en="Check every row and write nothing."
    ),
    "help.template.opt.owner": Words(
        zh="只列这个责任单位的指标。默认：全部指标。",
        en="Only the targets of this owner (department). Default: every target.",
    ),
    "help.template.opt.period": Words(
        zh="填报的月份，如 2023-06 或 2023-Q2。默认：上个月。",
        en="The month to report, such as 2023-06 or 2023-Q2. Default: last month.",
    ),
    "help.template.opt.output": Words(
        zh="要写入的 xlsx 文件（必填）。", en="The xlsx file to write (required)."
    ),
    "help.export.opt.export_format": Words(
        zh="csv、json 或 xlsx（xlsx 须用 -o 写入文件）。默认：csv。",
        en="csv, json or xlsx (xlsx needs -o and a file). Default: csv.",
    ),
    "help.status.opt.only": Words(
        zh="只显示这些状态，以逗号分隔：achieved、on-track、at-risk、off-track、missed、no-data、stale（逾期未报），也可用中文状态名。汇总仍计算全部目标。",
        en="Show only these statuses, joined by commas: achieved, on-track, at-risk, off-track, missed, no-data, stale (overdue). The summary still counts every target.",
    ),
    "help.status.opt.fail_on": Words(
        zh="有计入汇总的目标处于预警（at-risk）或滞后（off-track）及更差（含未完成）时，以状态 3 退出；用于 cron 告警。",
        en="Exit with status 3 when a counted target is at-risk (or off-track) or worse, missed included; for cron alerts.",
    ),
    "help.status.opt.demo": Words(
        zh="用示意数据显示表格；不写入任何文件。",
        en="Show the table over illustrative figures; nothing is written.",
    ),
    "help.report.opt.report_format": Words(
        zh="text、markdown、html、csv、json 或 xlsx。默认：text。",
        en="text, markdown, html, csv, json or xlsx. Default: text.",
    ),
    "help.email.opt.to": Words(
        zh="收件人；可重复给出多个。取代设置文件 [email] 中的 to。",
        en="A recipient; repeat for several. Replaces [email] to of the settings file.",
    ),
    "help.email.opt.subject": Words(
        zh="邮件主题模板，可用 {title}、{title_en} 和 {as_of}。默认：[email] 中的 subject。",
        en="Subject template with {title}, {title_en} and {as_of}. Default: [email] subject.",
    ),
    "help.email.opt.per_owner": Words(
        zh="另给 [owners] 和 [units] 中的每个责任单位发一封只含其目标的邮件。",
        en="Also send each owner in [owners] and each unit in [units] a message with only its targets.",
    ),
    "help.email.opt.dry_run": Words(
        zh="不发送；把邮件写出来（写到 -o，否则输出到屏幕）。",
        en="Send nothing; write the messages (to -o, else to standard output).",
    ),
    "help.email.opt.output": Words(
        zh="把邮件写到这里：以 .eml 结尾时写入这一个文件（只能一封）；否则视为文件夹，每封邮件各写一个 .eml（01-summary.eml 起）；- 表示输出到屏幕。",
        en="Write the messages here: a path ending in .eml takes the one message; any other path is a folder with one .eml per message (01-summary.eml first); - is standard output.",
    ),
    "help.email.opt.config": Words(
        zh="邮件设置文件。默认：$PLANTRACK_CONFIG，否则为计划文件旁的 plantrack.toml。",
        en="The mail settings. Default: $PLANTRACK_CONFIG, else plantrack.toml beside the plan.",
    ),
    # ── remind ──────────────────────────────────────────────────────────────
    # Units' addresses and the group-bot webhook in plantrack.toml, and `plantrack remind`.
    "fix.webhook_kind": Words(
        zh='请添加 kind = "dingtalk"（钉钉群机器人）或 kind = "wecom"（企业微信群机器人）',
        en='add kind = "dingtalk" (a DingTalk group bot) or kind = "wecom" (a WeCom group bot)',
    ),
    "fix.webhook_url": Words(
        zh='请添加 url = "https://..."（群机器人的 Webhook 地址）',
        en='add url = "https://..." (the group bot\'s webhook address)',
    ),
    "webhook.url_scheme": Words(
        zh="Webhook 地址须以 https:// 或 http:// 开头，而不是 {scheme}:；请从群机器人设置中复制完整地址",
        en="the webhook address must start with https:// or http://, not {scheme}:; copy the whole address from the group bot's settings",
    ),
    "webhook.url_bad_server": Words(
        zh="Webhook 地址中的服务器名或端口无效；请从群机器人设置中复制完整地址",
        en="the webhook address has no valid server (and port); copy the whole address from the group bot's settings",
    ),
    "webhook.url_control_char": Words(
        zh="Webhook 地址中有空格、换行符或控制字符；请删去它们",
        en="the webhook address contains a space, line break or control character; remove it",
    ),
    "settings.unit_unknown": Words(
        zh="计划中没有编号为“{unit}”的单位；{hint}计划中的单位：{units}",
        en="the plan declares no unit '{unit}'; {hint}units in the plan: {units}",
    ),
    "settings.no_units": Words(
        zh='计划中没有声明单位（[[unit]] 表）；请改用 [owners."责任单位"]，或在计划中声明单位',
        en='the plan declares no units ([[unit]] tables); use [owners."name"] instead, or declare the units in the plan',
    ),
    "remind.log_is_folder": Words(
        zh="{file}：是文件夹，而催报记录应是文件；请把它改名或移走",
        en="{file}: is a folder, where the reminder log file belongs; rename or move it",
    ),
    "remind.log_not_plain": Words(
        zh="{file}：不是普通文件（而是设备、管道或套接字）；请删除它，plantrack 会重新创建催报记录",
        en="{file}: not a regular file (a device, pipe or socket); remove it and plantrack makes a new reminder log",
    ),
    "remind.log_no_folder": Words(
        zh="{file}：文件夹 {folder} 不存在；请先创建，或用 --ledger 指定已有文件夹中的台账",
        en="{file}: the folder {folder} does not exist; create it or pass --ledger with a ledger in an existing folder",
    ),
    "remind.log_read_only": Words(
        zh="{file}：催报记录是只读的，plantrack 不会改动它，也就不发送催报；如需催报，请先恢复写权限（如 chmod u+w）",
        en="{file}: the reminder log is read-only, so plantrack will not change it nor send reminders; to remind, make it writable again (e.g. chmod u+w)",
    ),
    "remind.log_write_failed": Words(
        zh="{file}：无法写入（{reason}）；上面的催报已发送但未记录，今天再次运行会重复发送；请检查磁盘空间和权限",
        en="{file}: cannot be written ({reason}); the reminders above were sent but not logged, so another run today would send them again; check free disk space and permissions",
    ),
    "remind.log_not_durable": Words(
        zh="{file}：已记录，但未能确认已写入磁盘（{reason}）；断电可能使记录丢失，请检查磁盘",
        en="{file}: logged, but the disk did not confirm the write ({reason}); a power cut could lose the record: check the disk",
    ),
    "remind.log_unexpected_key": Words(
        zh="{file}：意外的“{key}”；催报记录中只能有 [[reminder]] 表，请删除它",
        en="{file}: unexpected '{key}'; the reminder log holds only [[reminder]] tables, remove it",
    ),
    "remind.log_not_array": Words(
        zh="{file}：“reminder”必须写成 [[reminder]] 表",
        en="{file}: 'reminder' must be written as [[reminder]] tables",
    ),
    "remind.log_bad_record": Words(
        zh="{file}：第 {number} 条催报记录：{problem}；该文件由 plantrack 写入，请从备份恢复，或删除这条记录",
        en="{file}: reminder #{number}: {problem}; plantrack writes this file itself: restore it from a backup, or remove the record",
    ),
    "remind.log_not_a_list": Words(
        zh="字段“{key}”必须是方括号中的文字列表",
        en="field '{key}' must be a list of texts in brackets",
    ),
    "remind.log_not_a_flag": Words(
        zh="字段“{key}”必须是 true 或 false（不加引号）",
        en="field '{key}' must be true or false (without quotes)",
    ),
    "remind.subject": Words(
        zh="【催报】{unit}：{count}项指标数据逾期未报",
        en="Reminder: {count} {count:figure|figures} overdue from {unit}",
    ),
    "remind.subject_one": Words(
        zh="【催报】{unit}：1项指标数据逾期未报", en="Reminder: 1 figure overdue from {unit}"
    ),
    "remind.greeting": Words(zh="{unit}：", en="{unit}:"),
    "remind.intro": Words(
        zh="截至 {today}，以下指标的数据已过报送期限，请尽快报送：",
        en="As of {today}, these figures are past their reporting deadline; please report them:",
    ),
    "remind.item": Words(
        zh="{number}. {name}（{id}）：{period}数据，应于 {due} 前报送，{late}",
        en="{number}. {name} ({id}): the figure for {period}, due by {due}, {late}",
    ),
    "remind.period": Words(zh="{month}（{period}）", en="{period} ({month})"),
    "remind.days_late": Words(zh="已逾期 {days} 天", en="{days} {days:day|days} late"),
    "remind.day_late": Words(zh="已逾期 1 天", en="1 day late"),
    "remind.value": Words(zh="<数值>", en="<VALUE>"),
    "remind.escalated": Words(
        zh="已逾期满 {days} 天，本提醒同时抄送：{addresses}",
        en="Overdue {days} {days:day|days} or more: this reminder is copied to {addresses}",
    ),
    "remind.footer": Words(
        zh="—— {title}（由 plantrack 发送，每个单位每天至多一次）",
        en="— {title} (sent by plantrack, at most once a day to each unit)",
    ),
    "remind.nothing_due": Words(
        zh="截至 {today}，没有单位有逾期未报的数据",
        en="No unit owes an overdue figure as of {today}",
    ),
    "remind.already": Words(
        zh="{unit}：今天已催报过（{sent_at}），不再重复催报",
        en="{unit}: already reminded today ({sent_at}); not reminded again",
    ),
    "remind.no_addresses": Words(
        zh='{unit}：plantrack.toml 中没有它的地址，未能催报；请添加 {table} to = ["..."]',
        en='{unit}: no addresses in plantrack.toml, so not reminded; add {table} to = ["..."]',
    ),
    "remind.no_addresses_own": Words(
        zh='{unit}：plantrack.toml 中没有它自己的地址，催报没有直接发给它；请添加 {table} to = ["..."]',
        en='{unit}: no addresses of its own in plantrack.toml, so the reminder did not go to it directly; add {table} to = ["..."]',
    ),
    "remind.posted": Words(
        zh="已在{where}催报 {units}", en="Posted the reminders of {units} to {where}"
    ),
    "remind.logged": Words(
        zh="已将 {count} 条催报记入 {file}",
        en="Logged {count} {count:reminder|reminders} in {file}",
    ),
    "webhook.where": Words(zh="{bot}（{server}）", en="the {bot} ({server})"),
    "webhook.dingtalk": Words(zh="钉钉群机器人", en="DingTalk group bot"),
    "webhook.wecom": Words(zh="企业微信群机器人", en="WeCom group bot"),
    "webhook.deadline": Words(
        zh="{where}：{seconds} 秒内没有完成；请检查网络，或调大 [webhook] 中的 deadline",
        en="{where}: no answer within {seconds} s; check the network, or raise deadline in [webhook]",
    ),
    "webhook.http_status": Words(
        zh="{where}：答复 HTTP {status}；请检查 [webhook] 中的 url",
        en="{where}: answered HTTP {status}; check url in [webhook]",
    ),
    "webhook.refused": Words(
        zh="{where}：拒收了消息（errcode {code}：{reason}）；请检查 [webhook] 中的 url，以及机器人的安全设置（自定义关键词须含“催报”，或 IP 地址段）",
        en="{where}: refused the message (errcode {code}: {reason}); check url in [webhook] and the bot's security settings (a keyword, which must be in the text, or IP addresses)",
    ),
    "webhook.tls_failed": Words(
        zh="{where}：TLS 连接失败（{reason}）；请检查 [webhook] 中的 url",
        en="{where}: TLS failed ({reason}); check url in [webhook]",
    ),
    "webhook.unknown_host": Words(
        zh="{where}：未知的主机；请检查 [webhook] 中的 url 和网络的域名解析",
        en="{where}: unknown host; check url in [webhook] and the network's name service",
    ),
    "webhook.refused_connection": Words(
        zh="{where}：连接被拒绝；请检查 [webhook] 中的 url",
        en="{where}: connection refused; check url in [webhook]",
    ),
    "webhook.unreachable": Words(
        zh="{where}：无法连接（{detail}）；请检查 [webhook] 中的 url 和网络",
        en="{where}: cannot be reached ({detail}); check url in [webhook] and the network",
    ),
    "help.cmd.remind": Words(
        zh='催报：给每个有逾期未报数据的单位发一封邮件（[units.编号] 或 [owners."责任单位"] 中的地址），列出逾期的指标、应报期间、报送期限、逾期天数和录入命令；有 [webhook] 时同时发到钉钉或企业微信群。供 cron 使用。\n\n每个单位每天至多催报一次：每次催报记入台账旁的 reminders.toml。逾期满 [email] escalate_after_days 天（默认 7 天）的，同时抄送 [email] escalate_to。有未能送达的催报（没有地址又没有群、收件人被拒、群机器人拒收）时以状态 1 退出，其余照常发送并记录。见 docs/reminders.md。',
        en='Remind each unit that owes overdue figures: one mail to its addresses ([units.ID] or [owners."name"]) listing each target overdue, the period due, its due day, the days late and the line that records it; with [webhook], in the DingTalk or WeCom group too. For cron.\n\nA unit is reminded at most once a day: each reminder is logged in reminders.toml beside the ledger. Once a figure is [email] escalate_after_days late (default 7), the reminder is copied to [email] escalate_to. Exits with status 1 when a reminder did not get through (no addresses and no group, a refused recipient, a bot that refused); the others are still sent and logged. See docs/reminders.md.',
    ),
    "help.short.remind": Words(
        zh="给逾期未报数据的单位发催报", en="Remind units of overdue figures, once a day"
    ),
    "help.remind.opt.dry_run": Words(
        zh="不发送、不记录；把邮件和群消息写出来（写到 -o 文件夹，否则输出到屏幕）。",
        en="Send and log nothing; write the mails and group messages (to the -o folder, else to standard output).",
    ),
    "help.remind.opt.output": Words(
        zh="把邮件和群消息写到这个文件夹：每封邮件一个 .eml（01-chengdong.eml 起），每条群消息一个 .txt；- 表示输出到屏幕。",
        en="Write the mails and group messages into this folder: one .eml per mail (01-chengdong.eml first), one .txt per group message; - is standard output.",
    ),
    "help.remind.opt.force": Words(
        zh="今天已催报过的单位也再催报一次。", en="Remind again units already reminded today."
    ),
    "help.remind.opt.as_json": Words(
        zh="输出供其他程序读取的 JSON：发送（或将发送）了哪些催报。",
        en="Print JSON for other programs: the reminders sent (or, with --dry-run, that would be).",
    ),
    "help.remind.opt.config": Words(
        zh="邮件设置文件。默认：$PLANTRACK_CONFIG，否则为计划文件旁的 plantrack.toml。",
        en="The mail settings. Default: $PLANTRACK_CONFIG, else plantrack.toml beside the plan.",
    ),
}
