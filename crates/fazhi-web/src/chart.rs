//! Bar charts as inline SVG, rendered on the server (no JavaScript): twelve
//! months of one count. Every text put in the SVG is XML-escaped here, so
//! a template may print the result unescaped.

use fazhi_app::indicators::periodic::Series;

const W: u32 = 420;
const H: u32 = 200;
const LEFT: u32 = 36;
const BOTTOM: u32 = 36;
const TOP: u32 = 28;

/// Escapes text for XML content and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A bar chart of the series: a bar per month with its value above it, the
/// month under it, the title on top, the maximum on the axis.
pub fn bars(s: &Series) -> String {
    let max = s.months.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let n = u32::try_from(s.months.len()).unwrap_or(1).max(1);
    let plot_w = W - LEFT - 8;
    let plot_h = H - TOP - BOTTOM;
    let slot = plot_w / n;
    let bar = slot.saturating_sub(6).max(2);
    let title = escape(&s.title);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" \
         role=\"img\" aria-label=\"{title}\" class=\"chart\" data-id=\"{}\">\
         <title>{title}</title>\
         <text x=\"4\" y=\"16\" font-size=\"12\">{title}</text>\
         <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{}\" stroke=\"#999\"/>\
         <line x1=\"{LEFT}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>\
         <text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">{max}</text>\
         <text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">0</text>",
        escape(s.id),
        TOP + plot_h,
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h,
        LEFT - 4,
        TOP + 8,
        LEFT - 4,
        TOP + plot_h,
    );
    for (i, (month, v)) in s.months.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(0);
        let h = u32::try_from(u64::from(plot_h) * v / max).unwrap_or(plot_h);
        let x = LEFT + i * slot + (slot - bar) / 2;
        let y = TOP + plot_h - h;
        let label = escape(month.get(5..).unwrap_or(month));
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\" fill=\"#3a6ea5\"><title>{}:{v}</title></rect>\
             <text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{v}</text>\
             <text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{label}月</text>",
            escape(month),
            x + bar / 2,
            y.saturating_sub(3).max(TOP - 2),
            x + bar / 2,
            TOP + plot_h + 14,
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_has_a_bar_per_month_and_escapes_its_title() {
        let s = Series {
            id: "petition.received",
            title: "信访 <&> 收到".into(),
            months: (1..=12u32).map(|m| (format!("2025-{m:02}"), u64::from(m))).collect(),
        };
        let svg = bars(&s);
        assert_eq!(svg.matches("<rect").count(), 12);
        assert!(svg.contains("信访 &lt;&amp;&gt; 收到") && !svg.contains("<&>"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        let empty = Series { id: "x", title: "无".into(), months: vec![("2025-01".into(), 0)] };
        assert!(bars(&empty).contains("height=\"0\""));
    }
}
