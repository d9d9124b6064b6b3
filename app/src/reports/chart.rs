//! Charts as accessible SVG, drawn on the server: bar, stacked bar and line, each with a title, a
//! description, axis labels, a legend, and a native tooltip (`<title>`) on every bar and point.
//! They need no JavaScript and print as they show; every page that shows one also shows its data
//! as a table. No chart library: a few hundred lines of our own, adding nothing to the WASM.

use crate::kernel::ui::escape_html;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Bar,
    StackedBar,
    Line,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// One value per label.
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
}

/// Colours with enough contrast on white, distinguishable in the common colour-vision deficiencies.
const PALETTE: [&str; 8] = [
    "#2f5bea", "#d1495b", "#00798c", "#edae49", "#6a4c93", "#3d7a3d", "#8c564b", "#555555",
];

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 64.0;

/// A round number at or above `max`, for the top of the value axis.
pub fn nice_ceiling(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if step * magnitude >= max {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

/// A value as the axis and tooltips write it: whole numbers plainly, others with two decimals.
pub fn number(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round() as i64)
    } else {
        format!("{value:.2}")
    }
}

impl Chart {
    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
            || self
                .series
                .iter()
                .all(|s| s.values.iter().all(|v| *v == 0.0))
    }

    fn top_value(&self) -> f64 {
        let n = self.labels.len();
        let max = match self.kind {
            ChartKind::StackedBar => (0..n)
                .map(|i| {
                    self.series
                        .iter()
                        .map(|s| s.values.get(i).copied().unwrap_or(0.0).max(0.0))
                        .sum::<f64>()
                })
                .fold(0.0, f64::max),
            _ => self
                .series
                .iter()
                .flat_map(|s| s.values.iter().copied())
                .fold(0.0, f64::max),
        };
        nice_ceiling(max)
    }

    /// The chart as an SVG element; `id` keeps its title and description ids unique on a page.
    pub fn svg(&self, id: &str, empty_message: &str) -> String {
        let id = escape_html(id);
        let plot_w = WIDTH - LEFT - RIGHT;
        let plot_h = HEIGHT - TOP - BOTTOM;
        let top = self.top_value();
        let y_of = |v: f64| TOP + plot_h - (v.max(0.0) / top) * plot_h;
        let mut out = String::with_capacity(4096);
        let description = format!(
            "{}: {}. {}: {}.",
            self.x_label,
            self.labels.len(),
            self.y_label,
            self.series
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        out.push_str(&format!(
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
             role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape_html(&self.title),
            escape_html(&description)
        ));
        // Grid and value axis.
        for step in 0..=4 {
            let v = top * f64::from(step) / 4.0;
            let y = y_of(v);
            out.push_str(&format!(
                "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#dde2ea\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\" fill=\"#4a5568\">{}</text>",
                LEFT + plot_w,
                LEFT - 6.0,
                y + 4.0,
                number(v)
            ));
        }
        out.push_str(&format!(
            "<text x=\"14\" y=\"{:.1}\" font-size=\"12\" fill=\"#1c2333\" transform=\"rotate(-90 14 {:.1})\" text-anchor=\"middle\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#1c2333\" text-anchor=\"middle\">{}</text>",
            TOP + plot_h / 2.0,
            TOP + plot_h / 2.0,
            escape_html(&self.y_label),
            LEFT + plot_w / 2.0,
            HEIGHT - 8.0,
            escape_html(&self.x_label)
        ));
        let n = self.labels.len();
        if self.is_empty() {
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" fill=\"#4a5568\" text-anchor=\"middle\">{}</text></svg>",
                LEFT + plot_w / 2.0,
                TOP + plot_h / 2.0,
                escape_html(empty_message)
            ));
            return out;
        }
        let slot = plot_w / n as f64;
        // Category labels, thinned so they never overlap.
        let every = n.div_ceil(14).max(1);
        for (i, label) in self.labels.iter().enumerate() {
            if i % every != 0 {
                continue;
            }
            let x = LEFT + slot * (i as f64 + 0.5);
            out.push_str(&format!(
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#4a5568\" text-anchor=\"middle\">{}</text>",
                TOP + plot_h + 16.0,
                escape_html(label)
            ));
        }
        match self.kind {
            ChartKind::Bar => {
                let k = self.series.len().max(1) as f64;
                let bar = (slot * 0.8 / k).max(1.0);
                for (si, s) in self.series.iter().enumerate() {
                    let color = PALETTE[si % PALETTE.len()];
                    for (i, v) in s.values.iter().enumerate().take(n) {
                        let x = LEFT + slot * i as f64 + slot * 0.1 + bar * si as f64;
                        let y = y_of(*v);
                        out.push_str(&format!(
                            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{color}\">\
                             <title>{}: {}: {}</title></rect>",
                            (TOP + plot_h - y).max(0.0),
                            escape_html(&self.labels[i]),
                            escape_html(&s.name),
                            number(*v)
                        ));
                    }
                }
            }
            ChartKind::StackedBar => {
                let bar = (slot * 0.7).max(1.0);
                for i in 0..n {
                    let mut base = 0.0;
                    for (si, s) in self.series.iter().enumerate() {
                        let v = s.values.get(i).copied().unwrap_or(0.0).max(0.0);
                        if v == 0.0 {
                            continue;
                        }
                        let (y_top, y_base) = (y_of(base + v), y_of(base));
                        base += v;
                        out.push_str(&format!(
                            "<rect x=\"{:.1}\" y=\"{y_top:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{}\">\
                             <title>{}: {}: {}</title></rect>",
                            LEFT + slot * i as f64 + slot * 0.15,
                            (y_base - y_top).max(0.0),
                            PALETTE[si % PALETTE.len()],
                            escape_html(&self.labels[i]),
                            escape_html(&s.name),
                            number(v)
                        ));
                    }
                }
            }
            ChartKind::Line => {
                for (si, s) in self.series.iter().enumerate() {
                    let color = PALETTE[si % PALETTE.len()];
                    let points: Vec<(f64, f64, f64)> = s
                        .values
                        .iter()
                        .take(n)
                        .enumerate()
                        .map(|(i, v)| (LEFT + slot * (i as f64 + 0.5), y_of(*v), *v))
                        .collect();
                    let path: Vec<String> = points
                        .iter()
                        .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
                        .collect();
                    out.push_str(&format!(
                        "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"/>",
                        path.join(" ")
                    ));
                    for (i, (x, y, v)) in points.iter().enumerate() {
                        out.push_str(&format!(
                            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{color}\"><title>{}: {}: {}</title></circle>",
                            escape_html(&self.labels[i]),
                            escape_html(&s.name),
                            number(*v)
                        ));
                    }
                }
            }
        }
        // Legend, top right.
        let mut x = LEFT + plot_w;
        for (si, s) in self.series.iter().enumerate().rev() {
            let width = 18.0 + 7.0 * s.name.chars().count() as f64;
            x -= width + 10.0;
            out.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"10\" width=\"12\" height=\"12\" fill=\"{}\"/>\
                 <text x=\"{:.1}\" y=\"20\" font-size=\"12\" fill=\"#1c2333\">{}</text>",
                PALETTE[si % PALETTE.len()],
                x + 16.0,
                escape_html(&s.name)
            ));
        }
        out.push_str("</svg>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(kind: ChartKind) -> Chart {
        Chart {
            kind,
            title: "Tickets <opened>".into(),
            x_label: "Day".into(),
            y_label: "Tickets".into(),
            labels: vec!["Mon".into(), "Tue".into(), "Wed".into()],
            series: vec![
                Series {
                    name: "Sales & Co".into(),
                    values: vec![1.0, 4.0, 2.0],
                },
                Series {
                    name: "Support".into(),
                    values: vec![0.0, 3.0, 1.5],
                },
            ],
        }
    }

    #[test]
    fn the_axis_tops_out_at_a_round_number() {
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(13.0), 20.0);
        assert_eq!(nice_ceiling(240.0), 250.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.5), "2.50");
    }

    #[test]
    fn every_kind_is_well_formed_accessible_svg_with_escaped_text() {
        for kind in [ChartKind::Bar, ChartKind::StackedBar, ChartKind::Line] {
            let svg = chart(kind).svg("c1", "No data");
            let doc = roxmltree::Document::parse(&svg).expect("valid XML");
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg");
            assert_eq!(root.attribute("role"), Some("img"));
            assert_eq!(root.attribute("aria-labelledby"), Some("c1-title c1-desc"));
            let title = root
                .children()
                .find(|n| n.has_tag_name("title"))
                .expect("a <title>");
            assert_eq!(title.text(), Some("Tickets <opened>"));
            assert!(svg.contains("Sales &amp; Co"));
            assert!(!svg.contains("<opened>"));
            // One tooltip per drawn value (the stacked chart skips zero segments).
            let tips = doc
                .descendants()
                .filter(|n| n.has_tag_name("title"))
                .count();
            let expected = if kind == ChartKind::StackedBar { 5 } else { 6 };
            assert_eq!(tips, 1 + expected, "{kind:?}");
        }
    }

    #[test]
    fn an_empty_chart_says_so_instead_of_drawing() {
        let mut empty = chart(ChartKind::Bar);
        empty
            .series
            .iter_mut()
            .for_each(|s| s.values = vec![0.0; 3]);
        assert!(empty.is_empty());
        let svg = empty.svg("e", "No data in this range");
        assert!(svg.contains("No data in this range"));
        assert!(!svg.contains("<rect"));
        roxmltree::Document::parse(&svg).expect("valid XML");
    }
}
