//! Named or anonymous: the evidence in a source's own words. A name, an organisation as such or
//! a possessive identifies a source; a role without a name, a quantifier ("one caller", "some
//! analysts") or a group standing in for one ("critics") does not; and a source the text says
//! is not named is anonymous whatever its noun.

use rustc_hash::FxHashSet as HashSet;

use super::phrase::is_proper;
use super::tokens::Token;
use super::words::*;
use super::{Rule, SourceKind};

/// What a source phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reading {
    Source(SourceKind, Rule),
    /// "he", "she", "they", "it": a source if something just before is one.
    Pronoun,
    /// "the official", "the company": the same as an earlier source with this head word, if
    /// there is one; else the kind given.
    Definite(SourceKind, Rule),
    NotSource,
}

/// Reads a source phrase; `unnamed` is whether its clause says it is not named, `starts_sentence`
/// whether its first word starts the sentence (where a capital says nothing).
pub(super) fn classify(words: &[Token], unnamed: bool, starts_sentence: bool) -> Reading {
    use SourceKind::*;
    if words.len() == 1 && PRONOUNS.iter().any(|p| words[0].is(p)) {
        return Reading::Pronoun;
    }
    let first_real = words.iter().position(|t| !t.is("the")).unwrap_or(0);
    let determiner = &words[0];
    let definite = ["the", "this", "that", "these", "those"].iter().any(|d| determiner.is(d));
    let quantified =
        QUANTIFIERS.iter().any(|d| determiner.is(d)) || determiner.text.chars().all(|c| c.is_ascii_digit());
    let possessive = ["his", "her", "their", "its", "our"].iter().any(|p| determiner.is(p))
        || words.iter().any(|t| (t.text.ends_with("'s") || t.text.ends_with("’s")) && t.capitalized());
    let head_at = |head: &Token| words.iter().position(|t| std::ptr::eq(t, head)).unwrap_or(0);
    // The head: the last word before what follows a role ("a source close to the talks").
    let end = head_end(words);
    let Some(head) = words[..end].iter().rev().find(|t| t.is_word()) else { return Reading::NotSource };
    let after_head = &words[end..];
    let one_of = words.windows(2).any(|w| w[0].is("of") && (w[1].is("them") || w[1].is("those")));
    // "Some of his aides", "two of the officials": part of a group, as unnamed as its members.
    if words.len() > 2 && QUANTIFIERS.iter().any(|q| words[0].is(q)) && words[1].is("of") && !one_of {
        let rest = &words[2..];
        let rest_head = rest.iter().rev().find(|t| t.is_word());
        let people = rest_head
            .is_some_and(|h| STRONGLY_ANONYMOUS_HEADS.iter().chain(ROLE_HEADS).any(|w| h.is(w)) || is_agent_noun(h));
        return if people { Reading::Source(Anonymous, Rule::UnnamedGroup) } else { Reading::NotSource };
    }
    let head_lower = head.text.to_lowercase();
    let in_list = |set: &HashSet<&str>| set.contains(head_lower.as_str());
    let strongly_anonymous = in_list(&HEADS.strongly_anonymous);
    let role = strongly_anonymous || in_list(&HEADS.role);
    let plural = head.text.ends_with('s') && !head.text.ends_with("ss");
    // A noun for people by what they do ("shopkeepers", "a caller", "donors"): a noun for
    // anything else ("a deal", "13,000 claims") is no source, however counted.
    let demonym_group = plural && head.capitalized() && GENERIC_CAPITALS.contains(&&head.text[..head.text.len() - 1]);
    let person = role || is_agent_noun(head) || demonym_group;
    // A capital inside a sentence names something ("says Ken Doctor"); at its start only when
    // the word is not a plain noun ("Backers of tariffs say").
    let first = starts_sentence && head_at(head) == 0;
    let proper_head = is_proper(head)
        && (!first && head.capitalized()
            || !(role || in_list(&HEADS.organisation) || first && plural && words.len() > 1));
    let name_before_head = words[first_real..end].windows(2).any(|w| w.iter().all(is_proper));
    let named_after = after_head.iter().any(is_proper);

    // "Stafford, a member of the crew": a name, then what it is.
    let name_first = words.len() > 2
        && is_proper(&words[0])
        && (words[1].text == "," || is_proper(&words[1]) && words.get(2).is_some_and(|t| t.text == ","));
    // "Holcomb and GOP legislative leaders": a list with someone named in it.
    let named_in_list =
        words.iter().any(|t| t.is("and")) && words.iter().any(|t| is_proper(t) && !GENERIC_CAPITALS.contains(&t.text));
    // "Wall Street predicted": a crowd by the name of a place.
    let phrase: Vec<&str> = words[first_real..].iter().map(|t| t.text).collect();
    if COLLECTIVES.iter().any(|c| c.split(' ').eq(phrase.iter().copied())) {
        return Reading::Source(Anonymous, Rule::UnnamedGroup);
    }
    // "The EU reiterated", "the U.S. welcomed": a state or a union of states as such.
    if let [state] = phrase.as_slice()
        && STATES.contains(state)
    {
        return Reading::Source(Named, Rule::Organisation);
    }
    if (name_first || named_in_list) && !unnamed {
        return Reading::Source(Named, Rule::Name);
    }
    if unnamed && (!proper_head || quantified) {
        return Reading::Source(Anonymous, Rule::SaidToBeUnnamed);
    }
    let known_head = person || in_list(&HEADS.organisation) || in_list(&HEADS.spokesperson) || in_list(&HEADS.document);
    if definite && !proper_head && !name_before_head && !known_head {
        // "the number who said", "the precise details": no one.
        return Reading::NotSource;
    }
    if definite && !proper_head && !name_before_head {
        // "the spokesperson", "the official": what an earlier source with this noun was.
        let (kind, rule) = if strongly_anonymous {
            (Anonymous, Rule::RoleWithoutName)
        } else if in_list(&HEADS.spokesperson) || in_list(&HEADS.document) {
            (Named, Rule::SpeaksFor)
        } else {
            (Named, Rule::Organisation)
        };
        return Reading::Definite(kind, rule);
    }
    // A capital other than a sentence's first word: something in the phrase is named.
    let names_something = words.iter().enumerate().any(|(k, t)| is_proper(t) && !(starts_sentence && k == 0));
    // "Prison union representatives": voices of no organisation named.
    let voices_of_no_one = in_list(&HEADS.spokesperson) && plural && !names_something;
    if voices_of_no_one {
        return Reading::Source(Anonymous, Rule::RoleWithoutName);
    }
    // "some reports suggest", "credible reports received by Amnesty": documents whose author
    // is not named ("reports by Human Rights Watch" name theirs).
    let by_whom = after_head.first().is_some_and(|t| ["by", "from", "of"].iter().any(|w| t.is(w)));
    let author_named = words[..end].iter().enumerate().any(|(k, t)| is_proper(t) && !(starts_sentence && k == 0))
        || by_whom && named_after;
    let hearsay = ["reports", "accounts"].contains(&head_lower.as_str());
    if in_list(&HEADS.document) && plural && (quantified || hearsay) && !definite && !possessive && !author_named {
        return Reading::Source(Anonymous, Rule::UnnamedGroup);
    }
    if in_list(&HEADS.spokesperson) || in_list(&HEADS.document) {
        return Reading::Source(Named, Rule::SpeaksFor);
    }
    if proper_head || name_before_head && !role && !in_list(&HEADS.organisation) {
        return Reading::Source(Named, Rule::Name);
    }
    if in_list(&HEADS.organisation) {
        // "advocacy groups estimated": groups, but none named ("teachers unions" and "Israeli
        // courts" are institutions as such).
        let unnamed_organisations = ["groups", "organizations", "organisations"].contains(&head_lower.as_str())
            && !definite
            && !possessive
            && !names_something;
        return if quantified && !is_proper(head) || unnamed_organisations {
            Reading::Source(Anonymous, Rule::UnnamedGroup)
        } else {
            Reading::Source(Named, Rule::Organisation)
        };
    }
    if one_of {
        return Reading::Source(Anonymous, Rule::UnnamedGroup);
    }
    if possessive && !strongly_anonymous && !(role && plural) {
        return Reading::Source(Named, Rule::Possessive);
    }
    let speaks_for = after_head.first().is_some_and(|t| t.is("at") || t.is("for") || t.is("from"));
    if role && named_after && speaks_for && !strongly_anonymous && !quantified {
        // "economists at Harbor Bank": a named organisation's people speaking for it.
        return Reading::Source(Named, Rule::SpeaksFor);
    }
    if role {
        return Reading::Source(Anonymous, if quantified { Rule::UnnamedGroup } else { Rule::RoleWithoutName });
    }
    // Any other noun: someone unnamed when counted ("one caller"), a quantifier standing for
    // people ("another", "many in the space community"), or a group of people standing in for
    // a source ("donors briefed on the plan"); a lone noun ("report") is no source.
    let lone_quantifier = std::ptr::eq(head, &words[0]) && QUANTIFIERS.iter().any(|q| head.is(q));
    if lone_quantifier || person && (quantified || plural) {
        return Reading::Source(Anonymous, Rule::UnnamedGroup);
    }
    Reading::NotSource
}

/// Where a phrase's head ends: before what follows a role ("a source close to the talks") or
/// a participle after a plural noun ("reports received by Amnesty", "accounts corroborated by").
pub(super) fn head_end(words: &[Token]) -> usize {
    let follows_head = |k: usize| {
        let t = &words[k];
        HEAD_ENDS.iter().any(|w| t.is(w))
            || t.lowercase() && t.text.len() > 4 && t.text.ends_with("ed") && words[k - 1].text.ends_with('s')
    };
    (1..words.len()).find(|&k| follows_head(k)).unwrap_or(words.len())
}

/// A noun for a person by what they do: "-er", "-or", "-ist", "-ian", "-ent", "-ant" (and their
/// plurals), as in "caller", "donors", "economists", "residents".
fn is_agent_noun(t: &Token) -> bool {
    let word = t.text.to_lowercase();
    let singular = word.strip_suffix('s').unwrap_or(&word);
    singular.len() > 4 && ["er", "or", "ist", "ian", "ent", "ant"].iter().any(|s| singular.ends_with(s))
}
