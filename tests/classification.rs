//! The classifier against a labelled fixture: `tests/fixtures/labels.yaml` records which
//! themes a careful analyst files each paragraph of the sample sources under. Precision and
//! recall, averaged over the themes, must each reach 0.85.

use std::collections::BTreeMap;
use std::path::Path;

use briefing::analyse::{Classifier, analyse};
use briefing::ids::ParagraphRef;
use briefing::load::{from_yaml, load};

type Labels = BTreeMap<String, BTreeMap<u32, Vec<String>>>;

const TARGET: f64 = 0.85;

#[test]
fn classifier_matches_labelled_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let labels_path = root.join("tests/fixtures/labels.yaml");
    let text = std::fs::read_to_string(&labels_path).unwrap();
    let labels: Labels = from_yaml(&text, &labels_path).unwrap();
    let (project, corpus) = load(root).unwrap();
    let analysis = analyse(&corpus, &project.config).unwrap();
    let classifier = Classifier::new(&corpus.themes);

    let mut report = String::new();
    let (mut precision_sum, mut recall_sum) = (0.0, 0.0);
    for theme in &corpus.themes {
        let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
        let mut misses = Vec::new();
        for source in &corpus.sources {
            let expected = labels
                .get(source.id.as_str())
                .unwrap_or_else(|| panic!("no labels for source {}", source.id));
            assert_eq!(
                expected.len(),
                source.paragraphs.len(),
                "label count for {}",
                source.id
            );
            for paragraph in &source.paragraphs {
                let want = expected[&paragraph.n]
                    .iter()
                    .any(|id| id == theme.id.as_str());
                let at = ParagraphRef::new(source.id.clone(), paragraph.n);
                let got = analysis.filings(&at).iter().any(|f| f.theme == theme.id);
                match (want, got) {
                    (true, true) => tp += 1,
                    (false, true) => {
                        fp += 1;
                        let score = classifier.score(&theme.id, &paragraph.text);
                        misses.push(format!("+{}#{} ({score:.1})", source.id, paragraph.n));
                    }
                    (true, false) => {
                        fn_ += 1;
                        let score = classifier.score(&theme.id, &paragraph.text);
                        misses.push(format!("-{}#{} ({score:.1})", source.id, paragraph.n));
                    }
                    (false, false) => {}
                }
            }
        }
        let precision = if tp + fp == 0 {
            1.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let recall = if tp + fn_ == 0 {
            1.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        precision_sum += precision;
        recall_sum += recall;
        report.push_str(&format!(
            "{:32} precision {precision:.2} recall {recall:.2}  {}\n",
            theme.id,
            misses.join(" ")
        ));
    }
    let themes = corpus.themes.len() as f64;
    let (precision, recall) = (precision_sum / themes, recall_sum / themes);
    println!("{report}mean precision {precision:.3}, mean recall {recall:.3}");
    assert!(
        precision >= TARGET && recall >= TARGET,
        "classifier below {TARGET}: precision {precision:.3}, recall {recall:.3}\n{report}"
    );
}
