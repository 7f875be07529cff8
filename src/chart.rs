//! `aftercare chart`: the plan as a printable page for the bathroom mirror.
//! Self-contained HTML (inline CSS, no script, nothing fetched): the days
//! as columns, each routine a row of tick boxes at its time, milestones
//! where they fall, the warning signs and what is usually normal, the
//! treatment, the plan's name and a "not medical advice" line, in the
//! config's language. Sized for A4 or Letter (`@page`), black on white.
//! Pure: the config and its plan in, the page out.

use std::fmt::Write as _;

use crate::config::Config;
use crate::grid::{Day, Grid, day_ranges};
use crate::i18n::{Messages, messages};
use crate::plan::Plan;

/// The paper the page is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum Paper {
    /// ISO A4, 210 × 297 mm
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in
    Letter,
}

impl Paper {
    fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4 portrait",
            Paper::Letter => "letter portrait",
        }
    }
}

/// Most day columns in one table; a longer plan is split into two tables,
/// one per page.
const MAX_COLUMNS: usize = 17;

/// More rows than this in a table (routines and milestones) get shorter
/// rows, so that the table and the boxes below it fit one page.
const DENSE_ROWS: usize = 18;

/// The rows of the grid's tallest table.
fn rows_per_page(grid: &Grid<'_>) -> usize {
    grid.rows.len() + grid.milestones.len()
}

/// The rule whose text names the warning signs and where to turn, when no
/// rule says `emergency = true` (docs/plan-files.md).
const WARNING_RULE: &str = "check-in";

/// Escape text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
*{box-sizing:border-box}
html{font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;font-size:9pt;color:#000;background:#fff}
body{margin:0}
h1{font-size:15pt;margin:0 0 1mm}
h2{font-size:9.5pt;margin:0 0 1mm}
p{margin:0 0 1mm}
.sub{font-size:8.5pt}
.how{font-size:8pt;margin-bottom:2mm}
table.grid{width:100%;border-collapse:collapse;table-layout:fixed;margin-bottom:3mm}
table.grid col.label{width:34%}
table.grid th,table.grid td{border:0.3mm solid #777;padding:0.6mm 0.8mm;vertical-align:middle}
table.grid thead th{border-bottom:0.6mm solid #000;text-align:center;font-weight:normal;line-height:1.15}
table.grid thead th.label{text-align:left;font-weight:bold;vertical-align:bottom}
.wd{display:block;font-size:7pt}
.dm{display:block;font-size:10pt;font-weight:bold}
.mo{display:block;font-size:6.5pt}
.dn{display:block;font-size:6.5pt}
tbody th{text-align:left;font-weight:normal;line-height:1.2}
tbody tr.first th,tbody tr.first td{border-top:0.6mm solid #000}
.time{display:inline-block;min-width:9mm;font-weight:bold;font-variant-numeric:tabular-nums}
td.tick{text-align:center;height:6.3mm}
body.dense td.tick{height:5.4mm}
body.dense tbody th{line-height:1.1}
.box{display:inline-block;width:3.6mm;height:3.6mm;border:0.35mm solid #000;border-radius:0.4mm;vertical-align:middle}
tbody.milestones th.head{font-weight:bold;border-top:0.6mm solid #000;background:#fff}
td.from{border-left:0.9mm solid #000;font-weight:bold;white-space:normal}
td.before{text-align:right;font-weight:bold}
td.mark{border-left:0.9mm solid #000;text-align:center;font-weight:bold}
.boxes{display:flex;gap:3mm;break-inside:avoid}
.boxes>div{flex:1;border:0.5mm solid #000;padding:1.6mm 2mm;font-size:8pt}
.boxes .warn{flex:1.25}
.boxes .warn{border-width:0.9mm}
.boxes ul{margin:0;padding-left:4mm}
.boxes li{margin-bottom:0.6mm}
footer{margin-top:2.5mm;font-size:7.5pt;border-top:0.3mm solid #000;padding-top:1mm}
.page{break-before:page}
table.grid th.gap{border-left:0.9mm double #000}
@media screen{body{max-width:190mm;margin:8mm auto;padding:0 4mm}}
"#;

/// Render the chart.
pub(crate) fn html(config: &Config, plan: &Plan, paper: Paper) -> String {
    let m = messages(config.language.lang);
    let grid = Grid::new(config, plan).without_empty_days();
    let mut out = String::new();
    let plan_name = match config.treatment.plan.as_deref() {
        None => m.text("chart-plan-none"),
        Some(p) if crate::config::is_plan_path(p) => std::path::Path::new(p)
            .file_stem()
            .map_or_else(|| p.to_string(), |s| s.to_string_lossy().into_owned()),
        Some(p) => p.to_string(),
    };
    let description = config
        .treatment
        .plan
        .as_deref()
        .and_then(|p| crate::config::builtin_care_plan_in(p, config.language.lang).ok())
        .and_then(|p| p.description);
    let title = m.fmt("chart-title", &[("plan", plan_name.as_str().into())]);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n<title>{title}</title>\n\
         <style>@page{{size:{size};margin:9mm 10mm}}{STYLE}</style>\n</head>\n<body{dense}>\n<header>\n<h1>{title}</h1>\n",
        lang = config.language.lang.tag(),
        title = esc(&title),
        size = paper.css(),
        dense = if rows_per_page(&grid) > DENSE_ROWS {
            " class=\"dense\""
        } else {
            ""
        },
    );
    if let Some(d) = description {
        let _ = writeln!(out, "<p class=\"sub\">{}</p>", esc(&d));
    }
    let dates: Vec<String> = plan
        .starts
        .iter()
        // a date far from the first treatment (a long series) with its year
        .map(|s| m.date_from(s.date_naive(), plan.start.date_naive()))
        .collect();
    let treatment = m.fmt(
        "chart-treatment",
        &[
            ("count", dates.len().into()),
            ("dates", m.list(&dates).into()),
            ("time", plan.start.format("%H:%M").to_string().into()),
            ("zone", plan.timezone.name().into()),
        ],
    );
    let _ = writeln!(out, "<p><strong>{}</strong></p>", esc(&treatment));
    let _ = writeln!(
        out,
        "<p class=\"how\">{}</p>\n</header>",
        esc(&m.text("chart-how"))
    );

    let chunks = if grid.days.len() <= MAX_COLUMNS {
        vec![(0, grid.days.len())]
    } else {
        let half = grid.days.len().div_ceil(2);
        vec![(0, half), (half, grid.days.len())]
    };
    for (i, &(from, to)) in chunks.iter().enumerate() {
        table(&mut out, m, config, &grid, from, to, i > 0);
    }

    let _ = writeln!(out, "<section class=\"boxes\">");
    // the check-in's text as its notification says it (with the emergency
    // line and the local number), else the rule's, else a general one
    let emergency = |name: &str| config.rules.iter().any(|r| r.name == name && r.emergency);
    let warning = plan
        .occurrences
        .iter()
        .find(|o| emergency(&o.rule) && !o.body.is_empty())
        .map(|o| o.body.clone())
        .or_else(|| {
            config
                .rules
                .iter()
                .find(|r| r.name == WARNING_RULE && !r.body.is_empty())
                .map(|r| r.body.clone())
        })
        .unwrap_or_else(|| m.text("chart-warning-default"));
    let _ = writeln!(
        out,
        "<div class=\"warn\"><h2>{}</h2><p>{}</p></div>",
        esc(&m.text("chart-warning-title")),
        esc(&warning)
    );
    if !config.healing.is_empty() {
        let _ = write!(
            out,
            "<div class=\"normal\"><h2>{}</h2><ul>",
            esc(&m.text("chart-normal-title"))
        );
        for (days, text) in &config.healing {
            let item = m.fmt(
                "chart-normal-item",
                &[
                    ("count", days.iter().count().into()),
                    ("days", day_ranges(days).into()),
                    ("text", text.as_str().into()),
                ],
            );
            let _ = write!(out, "<li>{}</li>", esc(&item));
        }
        let _ = writeln!(out, "</ul></div>");
    }
    let _ = writeln!(out, "</section>");
    let _ = writeln!(
        out,
        "<footer>{}</footer>\n</body>\n</html>",
        esc(&m.text("chart-disclaimer"))
    );
    out
}

/// One table: the days `[from, to)` of the grid.
fn table(
    out: &mut String,
    m: &Messages,
    config: &Config,
    grid: &Grid<'_>,
    from: usize,
    to: usize,
    new_page: bool,
) {
    let days = &grid.days[from..to];
    let series = config.treatment.sessions.len() > 1;
    let _ = write!(
        out,
        "<table class=\"grid{}\">\n<colgroup><col class=\"label\">",
        if new_page { " page" } else { "" }
    );
    for _ in days {
        out.push_str("<col>");
    }
    let _ = write!(
        out,
        "</colgroup>\n<thead><tr><th class=\"label\">{}</th>",
        esc(&m.text("chart-routine"))
    );
    for (i, d) in days.iter().enumerate() {
        let _ = write!(
            out,
            "<th{}>{}</th>",
            if d.after_gap { " class=\"gap\"" } else { "" },
            day_head(m, d, i == 0 || d.after_gap, series)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let mut last_time = None;
    for row in &grid.rows {
        let cells = &row.cells[from..to];
        if cells.iter().all(Option::is_none) {
            continue;
        }
        let first = last_time != Some(row.time);
        last_time = Some(row.time);
        let label = if row.rule.summary {
            m.fmt(
                "chart-summary-row",
                &[("title", row.rule.title.as_str().into())],
            )
        } else {
            row.rule.title.clone()
        };
        let time = if first {
            row.time.format("%H:%M").to_string()
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<tr{}><th><span class=\"time\">{time}</span> {}</th>",
            if first { " class=\"first\"" } else { "" },
            esc(&label)
        );
        for c in cells {
            match c {
                Some(_) => out.push_str("<td class=\"tick\"><span class=\"box\"></span></td>"),
                None => out.push_str("<td class=\"tick\"></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n");
    let milestones: Vec<_> = grid
        .milestones
        .iter()
        .filter(|ms| (from..to).contains(&ms.column))
        .collect();
    if !milestones.is_empty() {
        let _ = writeln!(
            out,
            "<tbody class=\"milestones\"><tr><th class=\"head\" colspan=\"{}\">{}</th></tr>",
            days.len() + 1,
            esc(&m.text("chart-milestones"))
        );
        for ms in milestones {
            let what = ms
                .rule
                .allows
                .clone()
                .unwrap_or_else(|| ms.occurrence.title.clone());
            let from_here = m.fmt("chart-from-here", &[("what", what.as_str().into())]);
            let col = ms.column - from;
            let rest = days.len() - col;
            let _ = write!(
                out,
                "<tr><th><span class=\"time\">{}</span> {}</th>",
                ms.occurrence.at.format("%H:%M"),
                esc(&ms.occurrence.title)
            );
            if rest >= 4 || col == 0 {
                if col > 0 {
                    let _ = write!(out, "<td colspan=\"{col}\"></td>");
                }
                let _ = write!(
                    out,
                    "<td class=\"from\" colspan=\"{rest}\">{} →</td>",
                    esc(&from_here)
                );
            } else {
                let _ = write!(
                    out,
                    "<td class=\"before\" colspan=\"{col}\">{} →</td><td class=\"mark\" colspan=\"{rest}\">✓</td>",
                    esc(&from_here)
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}

/// A day's column head: weekday, day of the month (the month's name on the
/// first column and on the 1st), and the plan day.
fn day_head(m: &Messages, d: &Day, first: bool, series: bool) -> String {
    use chrono::Datelike;
    let mut s = format!(
        "<span class=\"wd\">{}</span><span class=\"dm\">{}</span>",
        esc(&m.weekday(d.date.weekday())),
        d.date.day()
    );
    if first || d.date.day() == 1 {
        let _ = write!(
            s,
            "<span class=\"mo\">{}</span>",
            esc(&m.month(d.date.month()))
        );
    }
    let label = if series {
        m.fmt(
            "chart-session-day",
            &[("session", d.session.into()), ("day", d.day.into())],
        )
    } else {
        m.fmt("chart-day", &[("day", d.day.into())])
    };
    let _ = write!(s, "<span class=\"dn\">{}</span>", esc(&label));
    s
}
