//! Tests of `attribution`.

use super::*;
use crate::model::source::{SAMPLE_TEXT, SourceFormat, read};

fn shown(text: &str) -> Vec<(SourceKind, String, Option<String>)> {
    let chars: Vec<char> = text.chars().collect();
    let quote = |s: Span| chars[s.start.0..s.end.0].iter().collect::<String>();
    suggest(text).into_iter().map(|s| (s.kind, quote(s.span), s.reason.map(quote))).collect()
}

#[test]
fn the_sample_article_has_its_sources_and_reasons() {
    let text = read(SAMPLE_TEXT, SourceFormat::Plain).unwrap().text;
    let found = shown(&text);
    let has = |kind, quote: &str| found.iter().find(|f| f.0 == kind && f.1 == quote);
    assert!(has(SourceKind::Anonymous, "a U.S. official said").is_some());
    let official = has(SourceKind::Anonymous, "The official").expect("the official who was not authorized");
    assert_eq!(official.2.as_deref(), Some("not authorized"));
    assert!(has(SourceKind::Named, "The Wall Street Journal").is_some());
    assert!(has(SourceKind::Named, "Iranian state media").is_some());
    // No named source is marked anonymous.
    for (kind, quote, _) in &found {
        if *kind == SourceKind::Anonymous {
            assert!(quote.to_lowercase().contains("official"), "{quote}");
        }
    }
}

#[test]
fn reading_by_pieces_finds_what_one_pass_finds() {
    // Quotation marks left open over a paragraph break, and reasons a paragraph later.
    let text = "\u{201c}It rained,\u{201d} a U.S. official said.\n\n\u{201c}We said nothing.\n\n\
        The official, who was not authorized to comment, said more.\u{201d} Reuters reported it.\n\n\
        Two people familiar with the talks said it failed.\n\nThey spoke on condition of anonymity. \
        Zoë Lambert said so.\n\n\"Quoted \n\nacross,\" a diplomat said.";
    let sample = read(SAMPLE_TEXT, SourceFormat::Plain).unwrap().text;
    for text in [text, sample.as_str()] {
        let whole = suggest_by_pieces(text, usize::MAX);
        assert!(whole.len() >= 4, "{whole:?}");
        for piece in [1, 2, 7, 40, 100, 1000] {
            assert_eq!(suggest_by_pieces(text, piece), whole, "pieces of {piece} bytes");
        }
    }
}

#[test]
fn quoted_cues_lone_pronouns_and_passives_are_not_sources() {
    let found = shown("\"Nobody told us,\" said Fatima Hassan. The plan had been announced.");
    assert_eq!(found, [(SourceKind::Named, "Fatima Hassan".to_string(), None)]);
    assert_eq!(shown("It rained. He said it was late."), []);
}

#[test]
fn a_reason_in_a_later_sentence_about_the_source_is_tied_to_it() {
    let found = shown("The plan failed, an aide said. The aide asked not to be named. A minister said it worked.");
    assert_eq!(found[0], (SourceKind::Anonymous, "an aide said".to_string(), Some("asked not to be".to_string())));
    assert_eq!(found[1].0, SourceKind::Anonymous);
    assert_eq!(found[1].2, None, "a minister gave no reason");
}

/// The kind and words of each suggestion.
fn kinds(text: &str) -> Vec<(SourceKind, String)> {
    shown(text).into_iter().map(|(kind, quote, _)| (kind, quote)).collect()
}

/// Asserts that `text` has a suggestion of `kind` whose words pass `expected`, and none of the
/// other kind.
fn assert_only(kind: SourceKind, text: &str, expected: impl Fn(&str) -> bool) {
    let found = kinds(text);
    assert!(found.iter().any(|(k, q)| *k == kind && expected(q)), "{text}: {found:?}");
    assert!(found.iter().all(|(k, _)| *k == kind), "{text}: {found:?}");
}

fn has(text: &str, kind: SourceKind, quote: &str) -> bool {
    kinds(text).iter().any(|(k, q)| *k == kind && q == quote)
}

#[test]
fn the_noun_states_is_not_a_reporting_cue() {
    for text in [
        "The tariffs hit exporters in the United States and Canada hardest this year.",
        "Turnout rose in several states. The rules differ in many States, too.",
        "Member states agreed to the text on Friday.",
    ] {
        assert_eq!(kinds(text), [], "{text}");
    }
    // The verb still is one.
    assert!(has("The filing states that the company lost money.", SourceKind::Named, "The filing"));
}

#[test]
fn two_apostrophes_guillemets_and_german_quotes_are_quotation_marks() {
    for text in [
        "''We will not sign,'' said Ola Berg. ''Nobody told us.''",
        "«We will not sign,» said Ola Berg. «Nobody told us.»",
        "„We will not sign“, said Ola Berg. „Nobody told us.“",
        "\u{2018}We will not sign,\u{2019} said Ola Berg. \u{2018}Nobody told us.\u{2019}",
    ] {
        assert_eq!(kinds(text), [(SourceKind::Named, "Ola Berg".to_string())], "{text}");
    }
}

#[test]
fn a_source_said_to_be_unnamed_is_anonymous_whatever_its_noun() {
    for (text, quote) in [
        (
            "The rules changed, a press officer said, speaking on condition of anonymity in line with ministry rules.",
            "a press officer",
        ),
        (
            "The deal is close, bankers with knowledge of the talks, who spoke on the condition of anonymity, said.",
            "bankers with knowledge of the talks",
        ),
        ("A ward nurse who asked not to be named said the unit was short of staff.", "A ward nurse"),
        ("The plan is dead, a campaign volunteer said. She asked not to be identified.", "a campaign volunteer"),
    ] {
        assert_only(SourceKind::Anonymous, text, |q| q.starts_with(quote));
    }
}

#[test]
fn unnamed_people_and_groups_are_anonymous() {
    for (text, quote) in [
        ("The design was flawed, an engineer involved in the review said.", "an engineer involved in the review"),
        ("Donors briefed on the plan said it would fail.", "Donors briefed on the plan"),
        ("\"It is a scandal,\" one caller said.", "one caller"),
        ("\"We were never asked,\" another added.", "another"),
        ("Some of his aides privately conceded that the bill was lost.", "Some of his aides"),
        (
            "A third diplomat with direct knowledge said the talks had stalled.",
            "A third diplomat with direct knowledge",
        ),
        ("Several shopkeepers said prices had doubled.", "Several shopkeepers"),
    ] {
        assert_only(SourceKind::Anonymous, text, |q| q.starts_with(quote));
    }
}

#[test]
fn named_people_behind_a_title_or_descriptor_are_named() {
    for (text, quote) in [
        ("Finance Minister Ola Berg said the budget would balance.", "Finance Minister Ola Berg"),
        ("Council member Ana Ruiz said the vote was rushed.", "Council member Ana Ruiz"),
        ("Trade body Fresh Produce Council said imports fell.", "Trade body Fresh Produce Council"),
        ("Economists at Harbor Bank wrote that growth would slow.", "Economists at Harbor Bank"),
        ("A Siemens spokesman said the plant would stay open.", "A Siemens spokesman"),
        ("Police said two men were arrested.", "Police"),
        // A title's abbreviation does not end the sentence, and a description after the name
        // (with its own "and" and commas) does not take the name's place.
        ("\"We will appeal,\" Sen. Ben Sasse, R-Neb., said.", "Sen. Ben Sasse"),
        (
            "\"This is how it begins,\" Dr. Luz Arroyo, a member of the group and signatory to the letter, told NBC News.",
            "Dr. Luz Arroyo",
        ),
        ("The Pentagon said the strike hit its target.", "The Pentagon"),
    ] {
        assert_only(SourceKind::Named, text, |q| q == quote);
    }
}

#[test]
fn clause_starts_lone_nouns_headlines_and_listeners_are_not_sources() {
    for (text, not_source) in [
        ("The changes would be reported to the board next year.", "The changes would be"),
        ("Mayor Rejects Budget Deal\nThe council met on Monday.", "Mayor Rejects"),
        ("Mayor Says Budget Is Dead\nThe council met on Monday.", "Mayor"),
        ("Ola Berg told the BBC that the vote was rigged.", "the BBC"),
        ("Ola Berg told reporters that the vote was rigged.", "reporters"),
    ] {
        let found = kinds(text);
        assert!(!found.iter().any(|(_, q)| q.contains(not_source)), "{text}: {found:?}");
    }
    assert_eq!(kinds("Ola Berg told the BBC that the vote was rigged."), [(SourceKind::Named, "Ola Berg".to_string())]);
    for text in ["A report published on Monday found gaps.", "Report said to be delayed as talks drag on."] {
        assert_eq!(kinds(text), [], "{text}");
    }
}

#[test]
fn a_pronoun_is_a_source_when_it_refers_to_one_just_before() {
    let found = shown("Ola Berg said the vote was rigged. He said he would appeal.");
    assert_eq!(found[1].0, SourceKind::Named);
    assert_eq!(found[1].1, "He");
    let found = shown("A senior official said the talks had failed. She said a new round was unlikely.");
    assert_eq!(found[1].0, SourceKind::Anonymous);
    assert!(found[1].1.starts_with("She"), "{found:?}");
    // Too far back: no antecedent, no suggestion.
    let found =
        kinds("Ola Berg said the vote was rigged. It rained. The roads flooded. The trains stopped. He said so.");
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn each_suggestion_says_which_rule_decided() {
    let text = "A senior official said the talks had failed. Ola Berg said they had not. He said so twice.";
    let chars: Vec<char> = text.chars().collect();
    let quote = |s: Span| chars[s.start.0..s.end.0].iter().collect::<String>();
    let rules: Vec<String> = suggest(text).iter().map(|s| s.explanation(quote)).collect();
    assert_eq!(rules.len(), 3, "{rules:?}");
    assert!(rules[0].contains("role") || rules[0].contains("not identified"), "{rules:?}");
    assert!(rules[1].contains("name"), "{rules:?}");
    assert!(rules[2].contains("Ola Berg"), "{rules:?}");
}

#[test]
fn every_phrase_about_anonymity_has_a_word_the_quick_test_looks_for() {
    for phrase in ANONYMITY_STATEMENTS.iter().chain(&REASONS) {
        let has_stem = phrase.split(' ').any(|word| ANONYMITY_STEMS.iter().any(|stem| word.starts_with(stem)));
        assert!(has_stem, "“{phrase}” would never be looked for");
        // `has_phrase` searches lowercase text and counts a phrase's bytes as its characters.
        assert!(phrase.bytes().all(|b| b.is_ascii_lowercase() || b == b' '), "“{phrase}” is not lowercase ASCII");
    }
}

/// A name, then its organisation's role set off by commas: the name is the source, also when
/// the organisation is a plural possessive ("Edmunds'") or stands bare before the role.
#[test]
fn a_name_before_an_organisations_role_is_the_source() {
    for text in [
        "\u{201c}It is a busy month,\" Jessica Caldwell, Edmunds' executive director of industry analysis, said in a statement.",
        "Jessica Caldwell, Edmunds executive director, said in a statement that prices rose.",
    ] {
        let found = shown(text);
        assert!(found.iter().any(|f| f.0 == SourceKind::Named && f.1 == "Jessica Caldwell"), "{text}: {found:?}");
    }
    // A list of names is not a name and its role.
    let found = shown("Barclays, Citi and Goldman Sachs said in a statement that rates would rise.");
    assert_eq!(found[0].1, "Barclays, Citi and Goldman Sachs");
}

#[test]
fn speech_verbs_beyond_said_have_their_sources() {
    for (text, source) in [
        ("\u{201c}My people had it done,\u{201d} Mr. Trump recounted at a cabinet meeting.", "Mr. Trump"),
        ("Ola Berg begged lawmakers \"not to lose sight of the facts\".", "Ola Berg"),
        ("The will specified that he did not want a funeral, Ana Ruiz noted.", "Ana Ruiz"),
        ("Ana Ruiz revealed that the talks had failed.", "Ana Ruiz"),
        ("Bank analyst Zachary Fadem points out a couple of reasons.", "Bank analyst Zachary Fadem"),
        ("Twitter CEO Jack Dorsey has spoken out about the toxic effects.", "Twitter CEO Jack Dorsey"),
        ("The company flat-out denied the allegations.", "The company"),
        ("The company published a blog post that said so.", "The company"),
        ("Superintendent Jennifer McCormick has cited a study showing low pay.", "Superintendent Jennifer McCormick"),
        ("The Centers for Disease Control recommends a flu shot for all.", "The Centers for Disease Control"),
        ("It is harder than McKinley suggests, but he is right.", "McKinley"),
        ("The EU reiterated it still considers them illegal.", "The EU"),
        ("The staff member Ola Berg recalled that he had been on the call.", "The staff member Ola Berg"),
    ] {
        let found = shown(text);
        assert!(found.iter().any(|f| f.0 == SourceKind::Named && f.1 == source), "{text}: {found:?}");
    }
    // A breakdown revealed by an event names no one who spoke; neither does a letter released,
    // a plea of guilty or the writer's own testing.
    assert_eq!(shown("The prison reeled from the breakdown revealed by Epstein's suicide."), []);
    assert_eq!(shown("Before the primary, Trump released a letter from his doctor."), []);
    assert_eq!(shown("Ana Ruiz pleaded guilty to fraud."), []);
    assert_eq!(shown("Our initial testing suggests that the laptop runs cooler."), []);
}

#[test]
fn parties_peoples_unnamed_groups_and_uncounted_reports_are_anonymous() {
    for (text, quote) in [
        ("Republicans also questioned the envoy about the call.", "Republicans"),
        ("In the morning, Democratic lawmakers grilled the colonel.", "Democratic lawmakers"),
        ("Health care providers have protested longer detention.", "Health care providers"),
        ("Education advocacy groups estimated that a 9% rise was needed.", "Education advocacy groups"),
        ("Some reports say that as many as 200 have died.", "Some reports"),
        ("Wall Street predicted $2.52 a share.", "Wall Street"),
        ("Prison union representatives have long warned that staff were short.", "Prison union representatives"),
    ] {
        assert_only(SourceKind::Anonymous, text, |q| q.starts_with(quote));
    }
    // Named as such: a party's members are a group, a party and its organisations are not.
    for (text, source) in [
        ("The Republican Party said the vote was fair.", "The Republican Party"),
        ("Teachers unions said 15,000 people had registered.", "Teachers unions"),
        ("Reports by the Pew Research Center say most agree.", "Reports by the Pew Research Center"),
    ] {
        let found = shown(text);
        assert!(found.iter().any(|f| f.0 == SourceKind::Named && f.1 == source), "{text}: {found:?}");
    }
}

fn named(quote: &str) -> (SourceKind, String, Option<String>) {
    (SourceKind::Named, quote.to_string(), None)
}

#[test]
fn an_acronym_is_a_name_not_the_word_it_spells() {
    assert_eq!(shown("Plague is \"always fatal,\" says WHO."), [named("WHO")]);
    assert_eq!(shown("According to WHO, there were 3,248 cases."), [named("WHO")]);
    // "US" is no pronoun "us", and a lowercase "who" still ends a phrase.
    assert_eq!(shown("Nobody who knew said so."), []);
}

#[test]
fn sources_that_follow_their_verb_after_a_quotation_or_a_comma() {
    assert_eq!(
        shown("\"It is the point,\" responded NASA administrator Jim Bridenstine."),
        [named("NASA administrator Jim Bridenstine")]
    );
    assert_eq!(shown("\"It needs a rocket,\" said Rep. Brian Babin (R-TX), a member."), [named("Rep. Brian Babin")]);
    assert_eq!(shown("There were 26 deaths, reports Reuters."), [named("Reuters")]);
    // After a comma alone, "confirmed" has its object there, not its subject.
    let found = shown("A customs official, who was not authorized to speak, confirmed the delay.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "A customs official");
}

#[test]
fn a_name_before_its_title_of_office_is_the_source() {
    assert_eq!(shown("\"We go where they are,\" Strauss Zelnick, CEO of Take-Two, adds."), [named("Strauss Zelnick")]);
}

#[test]
fn the_subject_of_a_sentence_ending_saying_is_its_source() {
    assert_eq!(
        shown("Foreign Secretary Dominic Raab defended the actions, saying it was fair."),
        [named("Foreign Secretary Dominic Raab")]
    );
    let found = shown("The ministry rejected the report, adding that it was wrong.");
    assert_eq!(found.iter().map(|f| (f.0, f.1.as_str())).collect::<Vec<_>>(), [(SourceKind::Named, "The ministry")]);
    // A participle that is not speech says nothing.
    assert_eq!(shown("Ola Berg left the room, smiling at the crowd."), []);
}

#[test]
fn a_pronoun_after_a_quotation_reaches_further_back_for_its_speaker() {
    let text = "Ana Ruiz runs the clinic. The roof leaks. The rain came. The rain stayed. \
        \"We need money,\" she said. It rained. It rained again. It rained more. He said no.";
    let found = shown(text);
    let pronouns: Vec<_> = found.iter().filter(|f| f.1 == "she" || f.1 == "He").collect();
    assert_eq!(pronouns, [&named("she")], "{found:?}");
}

#[test]
fn reports_and_accounts_of_no_named_author_are_anonymous() {
    let kinds = |text: &str| shown(text).into_iter().map(|f| (f.0, f.1)).collect::<Vec<_>>();
    let anonymous = |q: &str| (SourceKind::Anonymous, q.to_string());
    assert_eq!(
        kinds("Ten died, according to credible reports received by Amnesty."),
        [anonymous("credible reports received by Amnesty")]
    );
    assert_eq!(kinds("The toll may be higher, with some reports suggesting 200."), [anonymous("some reports")]);
    assert_eq!(kinds("According to eyewitness accounts, snipers fired."), [anonymous("eyewitness accounts")]);
    // Records of an institution, and reports by a named author, are not.
    assert_eq!(kinds("They slept, according to court records.")[0].0, SourceKind::Named);
    assert_eq!(kinds("According to reports by Human Rights Watch, it rained.")[0].0, SourceKind::Named);
}

#[test]
fn speech_acts_reported_inside_other_speech_and_by_a_passive() {
    let kinds = |text: &str| shown(text).into_iter().map(|f| (f.0, f.1)).collect::<Vec<_>>();
    let found = kinds("In his testimony, he said others had raised concerns about the call.");
    assert_eq!(found, [(SourceKind::Anonymous, "others".to_string())]);
    assert_eq!(
        kinds("Assange was accused of rape by a woman and of theft by a man."),
        [(SourceKind::Anonymous, "a woman".to_string())]
    );
}

#[test]
fn a_name_after_what_the_person_is_then_a_description() {
    let text = "\"Water is rare,\" study lead author Lucas Paganini, a scientist at NASA in Greenbelt, \
        Maryland, said.";
    assert_eq!(shown(text), [named("study lead author Lucas Paganini")]);
    // A clause ending in a name is not one: the source is the one before the verb.
    let text = "Officers arrested Christopher D. Battin, 33, who lives at 2134 Caldwell Place, Harris said.";
    assert_eq!(shown(text), [named("Harris")]);
}

#[test]
fn a_name_with_its_description_before_the_verb_is_not_what_follows_it() {
    let text = "James P. Kennedy Jr., the U.S. Attorney for the Western District, said the case matters.";
    assert_eq!(shown(text), [named("James P. Kennedy Jr")]);
    let text = "Trump wants out, but General Mark Milley, chairman of the Joint Chiefs, told US media it stays.";
    assert_eq!(shown(text), [named("General Mark Milley, chairman of the Joint Chiefs")]);
    assert_eq!(
        shown("The league condemned the move announced on Monday by Secretary of State Mike Pompeo."),
        [named("The league"), named("Secretary of State Mike Pompeo")]
    );
}

#[test]
fn per_as_according_to_and_a_quotation_closed_with_two_right_single_marks() {
    assert_eq!(shown("The germ lives in small mammals, per the WHO."), [named("the WHO")]);
    assert_eq!(shown("Prices rose 3 per cent, per year."), []);
    // “…’’ closes: the cue after it is outside the quotation, and its subject is not a name.
    let found = shown("“It misled voters.’’ Critically, however, the commission said it had no power.");
    assert_eq!(found, [named("the commission")]);
}

#[test]
fn a_name_then_a_short_parenthesis() {
    let text = "Later, Rep. Robert Aderholt (R-AL), ranking member of the panel, said it was late.";
    assert_eq!(shown(text), [named("Rep. Robert Aderholt")]);
    assert_eq!(shown("Home Depot (ticker: HD) reported $2.53 in earnings."), [named("Home Depot")]);
    // The office after the parenthesis is the source, not the person before it.
    let text = "He threatened Rep. Ilhan Omar (D-Minn.), the U.S. Attorney's Office announced Monday.";
    assert_eq!(shown(text)[0].1, "the U.S. Attorney's Office");
}
