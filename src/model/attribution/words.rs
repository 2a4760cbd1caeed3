//! The words the attribution assistant's rules read: reporting cues, what may stand between a
//! source and its cue, the heads of named and anonymous descriptions, and the phrases that say
//! a source is not named.

use std::sync::LazyLock;

// Fx hashing: the sets hold fixed words and are looked up once per word of an article, where
// SipHash's protection against chosen keys buys nothing and cost a tenth of the analysis.
use rustc_hash::FxHashSet as HashSet;

/// [`CUES`] as a set: every word of an article is looked up in it.
pub(super) static CUE_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| CUES.iter().copied().collect());

/// The lists of head nouns as sets: every source phrase's head is looked up in them.
pub(super) struct HeadSets {
    pub strongly_anonymous: HashSet<&'static str>,
    pub role: HashSet<&'static str>,
    pub organisation: HashSet<&'static str>,
    pub spokesperson: HashSet<&'static str>,
    pub document: HashSet<&'static str>,
}

pub(super) static HEADS: LazyLock<HeadSets> = LazyLock::new(|| HeadSets {
    strongly_anonymous: STRONGLY_ANONYMOUS_HEADS.iter().copied().collect(),
    role: ROLE_HEADS.iter().copied().collect(),
    organisation: ORGANISATION_HEADS.iter().copied().collect(),
    spokesperson: SPOKESPERSON_HEADS.iter().copied().collect(),
    document: DOCUMENT_HEADS.iter().copied().collect(),
});

/// Lowercase words that a capital does not make a name ([`DETERMINERS`], [`COMMON_WORDS`]), and
/// [`GENERIC_CAPITALS`] as written: every capitalized word is looked up in them.
pub(super) static NOT_NAMES: LazyLock<(HashSet<&str>, HashSet<&str>)> = LazyLock::new(|| {
    (DETERMINERS.iter().chain(COMMON_WORDS).copied().collect(), GENERIC_CAPITALS.iter().copied().collect())
});

/// Reporting verbs, in every form that takes the source as subject. Matched in lowercase only:
/// "the United States" is no cue, nor is a headline's "Mayor Says".
#[rustfmt::skip]
pub(super) const CUES: &[&str] = &[
    "said", "says", "say", "told", "tells", "tell", "reported", "reports", "report", "confirmed",
    "confirms", "confirm", "denied", "denies", "deny", "added", "adds", "stated", "states", "wrote",
    "writes", "announced", "announces", "claimed", "claims", "argued", "argues", "explained",
    "explains", "noted", "notes", "warned", "warns", "insisted", "insists", "acknowledged",
    "acknowledges", "described", "describes", "testified", "predicted", "predicts", "estimated",
    "estimates", "tweeted", "tweets", "posted", "admitted", "admits", "conceded", "concedes",
    "asked", "replied", "responded", "recalled", "recalls", "suggested", "cautioned", "complained",
    "maintained", "maintains", "stressed", "emphasized", "emphasised", "agreed", "continued",
    "urged", "alleged", "alleges", "contended", "contends", "countered", "answered", "accused",
    "disclosed", "projected", "projects", "forecast", "cited", "reiterated", "reiterates",
    "asserted", "asserts", "speculates", "speculated", "concluded", "assured", "declared",
    "declares", "criticised", "criticized", "disputed", "disputes", "touted", "touts", "pledged",
    "pledges", "blasted", "demanded", "demands", "bemoans", "bemoaned", "dubbed", "mentioned",
    "highlighted", "welcomed", "condemned", "condemns", "expressed", "reporting", "detailed",
    "emailed", "complains", "vowed", "vows", "promised", "boasted", "bragged", "joked", "quipped",
    "apologized", "apologised", "questioned", "shouted", "chanted", "voiced", "ruled", "argue",
    "claim", "insist", "warn", "explain", "contend", "predict", "acknowledge", "admit", "allege",
    "concede", "note", "maintain", "urging", "calling", "warning", "claiming", "arguing",
    "demanding", "insisting",
    "highlight", "recounted", "recounts", "revealed", "reveals", "denounced", "denounces",
    "attributed", "relayed", "assailed", "begged", "specified", "volunteered", "lamented",
    "laments", "remarked", "clamoring", "grilled", "protested", "suggests", "recommends", "recommended",
];

/// Cues that report speech only next to a quotation ("asked not to be named" is no cue).
#[rustfmt::skip]
pub(super) const WEAK_CUES: &[&str] = &[
    "asked", "continued", "agreed", "recalled", "replied", "answered", "countered", "responded",
    "cited", "concluded",
];

/// Cues that are also nouns ("in several states", "news reports").
#[rustfmt::skip]
pub(super) const NOUN_CUES: &[&str] = &[
    "states", "reports", "notes", "claims", "estimates", "projects", "forecast", "demands",
    "pledges", "vows", "touts",
];

/// Cues whose source may follow them (`…, said X`).
#[rustfmt::skip]
pub(super) const SAYING: &[&str] = &[
    "said", "says", "say", "added", "adds", "wrote", "writes", "explained", "explains", "noted",
    "notes", "argued", "argues", "continued", "recalled", "asked", "replied", "warned", "insisted",
    "acknowledged", "stated", "reported", "reports", "predicted", "estimated", "cautioned",
];

/// Cues whose source may follow them right after a quotation only (`"…," responded X`; but
/// "…, confirmed the delay" has its object there).
#[rustfmt::skip]
pub(super) const SAYING_AFTER_QUOTES: &[&str] = &[
    "responded", "answered", "countered", "concluded", "admitted", "conceded", "confirmed",
    "tweeted", "claimed", "declared", "stressed", "emphasized", "emphasised",
];

/// Cues that report speech only before "that", a colon, a comma, a quotation or "in" ("wrote
/// that…", but "wrote handbooks", "maintained a lead").
#[rustfmt::skip]
pub(super) const COMPLEMENT_CUES: &[&str] = &[
    "wrote", "writes", "maintained", "maintains", "suggested", "suggests", "detailed", "disclosed",
    "revealed", "reveals", "specified", "attributed",
];

/// Cues of the progressive, only after a form of "be" ("are reporting").
#[rustfmt::skip]
pub(super) const PROGRESSIVE_CUES: &[&str] = &[
    "reporting", "urging", "calling", "warning", "claiming", "arguing", "demanding", "insisting",
    "clamoring",
];

/// Cues followed by a reported clause with a subject of its own ("he said others had raised
/// concerns").
#[rustfmt::skip]
pub(super) const CLAUSE_CUES: &[&str] = &[
    "said", "says", "say", "added", "noted", "argued", "claimed", "testified", "wrote", "insisted",
];

/// Participles after a comma that report the speech of the sentence's subject ("Ola Berg
/// defended the plan, saying…").
#[rustfmt::skip]
pub(super) const PARTICIPLES_OF_SPEECH: &[&str] = &[
    "saying", "adding", "noting", "arguing", "insisting", "claiming", "explaining", "warning",
    "telling", "writing", "stressing", "asserting",
];

/// Past tenses not ending in "-ed" that may follow a subject.
#[rustfmt::skip]
pub(super) const IRREGULAR_PAST: &[&str] = &[
    "spoke", "took", "made", "gave", "went", "came", "held", "sent", "put", "hit", "struck", "wrote",
    "told", "said", "left", "kept", "brought", "led", "won", "lost", "met", "shot", "threw", "stood",
];

/// Verbs whose refusal makes a source: "did not respond", "didn't disclose".
#[rustfmt::skip]
pub(super) const REFUSED: &[&str] = &[
    "respond", "acknowledge", "comment", "disclose", "elaborate", "specify", "say", "reply",
    "confirm", "answer", "detail",
];

/// Words between a source and its cue that belong to neither ("was first to report").
#[rustfmt::skip]
pub(super) const BETWEEN: &[&str] = &[
    "was", "were", "is", "are", "has", "have", "had", "been", "first", "to", "also", "later",
    "earlier", "previously", "publicly", "privately", "initially", "reportedly", "then", "all",
    "both", "would", "will", "again", "once", "repeatedly", "recently", "further", "separately",
    "quickly", "simply", "just", "already", "flatly", "only", "still", "even", "often",
    "frequently", "never", "not", "did", "does", "do", "always", "ever", "since", "subsequently",
    "immediately", "now", "flat-out",
];

/// Words that end the stretch before a cue in which its source is.
#[rustfmt::skip]
pub(super) const BOUNDARIES: &[&str] = &[
    "that", "and", "but", "because", "after", "before", "when", "while", "as", "if", "so", "though",
    "although", "since", "where", "than", "what", "how", "why", "whether", "until", "unless",
];

/// Role nouns that, without a name, describe a source the reader cannot identify.
#[rustfmt::skip]
pub(super) const STRONGLY_ANONYMOUS_HEADS: &[&str] = &[
    "official", "officials", "source", "sources", "person", "people", "insider", "insiders", "aide",
    "aides", "diplomat", "diplomats", "authorities", "someone", "individual", "individuals", "man",
    "woman", "patient", "caller",
];

/// Role nouns: a person or group by what they do. Without a name or an organisation they
/// speak for, anonymous.
#[rustfmt::skip]
pub(super) const ROLE_HEADS: &[&str] = &[
    "critics", "critic", "observers", "analysts", "analyst", "onlookers", "minister", "ministers",
    "lawyer", "lawyers", "engineer", "engineers", "nurse", "nurses", "teacher", "teachers",
    "soldier", "soldiers", "manager", "managers", "expert", "experts", "officer", "officers",
    "neighbour", "neighbours", "neighbor", "neighbors", "trader", "traders", "pilot", "pilots",
    "doctor", "doctors", "employee", "employees", "executive", "executives", "member", "members",
    "resident", "residents", "staffer", "staffers", "worker", "workers", "witness", "witnesses",
    "adviser", "advisers", "advisor", "advisors", "lawmaker", "lawmakers", "investigator",
    "investigators", "agent", "agents", "negotiator", "negotiators", "economists", "economist",
    "bankers", "banker", "donors", "donor", "caller", "callers", "volunteer", "volunteers",
    "shopkeepers", "activists", "activist", "protesters", "protester", "voters", "voter",
    "scientists", "scientist", "researchers", "researcher", "investors", "investor", "users",
    "user", "customers", "customer", "fans", "supporters", "opponents", "parents", "students",
    "student", "farmers", "owners", "owner", "leaders", "leader", "organizers", "advocates",
    "commentators", "historians", "scholars", "academics", "physicians", "patients", "patient",
    "victims", "victim", "relatives", "friends", "colleagues", "campaigners", "villagers", "locals",
    "passengers", "travelers", "traders", "representatives", "legislators", "senators", "senator",
    "congressman", "congresswoman", "judge", "prosecutor", "detective", "detectives",
    "firefighters", "paramedics", "rescuers", "survivors", "observer", "consultant", "consultants",
    "strategist", "strategists", "operative", "operatives", "veteran", "veterans", "doctors",
    "others", "another", "bosses", "boss", "chiefs", "chief", "staff", "crew",
];

/// Titles of office that describe a named person after a comma ("Ola Berg, CEO of Harbor").
#[rustfmt::skip]
pub(super) const TITLES: &[&str] = &[
    "ceo", "cfo", "coo", "cto", "president", "vice", "director", "chairman", "chairwoman", "chair",
    "founder", "co-founder", "head", "chief", "editor", "professor", "secretary", "governor",
    "mayor", "partner", "principal",
];

/// Nouns of organisations and institutions, which are named sources as such ("police said").
#[rustfmt::skip]
pub(super) const ORGANISATION_HEADS: &[&str] = &[
    "police", "media", "government", "ministry", "company", "firm", "agency", "department", "court",
    "committee", "council", "commission", "board", "prosecutors", "party", "campaign",
    "administration", "office", "embassy", "military", "army", "navy", "bank", "group", "coalition",
    "union", "university", "hospital", "institute", "organization", "organisation", "foundation",
    "association", "regulator", "regulators", "authority", "service", "network", "newspaper",
    "station", "studio", "team", "club", "league", "federation", "parliament", "congress", "senate",
    "house", "cabinet", "kremlin", "pentagon", "school", "district", "city", "county", "state",
    "airline", "manufacturer", "retailer", "startup", "publisher", "label", "brand", "companies",
    "governments", "firms", "agencies", "white", "unions", "groups", "courts", "ministries",
    "departments", "organizations", "organisations", "universities", "hospitals", "banks",
    "parties", "brokerage", "utility", "utilities", "carrier", "lender", "insurer", "exchange",
    "outlet", "broadcaster", "magazine", "journal", "site", "platform", "management", "operator",
];

/// A voice of an organisation: named as the organisation is ("a Siemens spokesman").
#[rustfmt::skip]
pub(super) const SPOKESPERSON_HEADS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen", "rep",
    "representative", "representatives", "statement", "statements",
];

/// Documents, which are sources as their authors are.
#[rustfmt::skip]
pub(super) const DOCUMENT_HEADS: &[&str] = &[
    "report", "study", "survey", "poll", "paper", "filing", "letter", "memo", "complaint",
    "lawsuit", "indictment", "document", "analysis", "release", "announcement", "website", "post",
    "tweet", "email", "records", "documents", "reports", "data", "filings", "papers", "studies",
    "figures", "statistics", "surveys", "polls", "letters", "accounts",
];

/// Names of places that stand for a crowd no one can identify ("Wall Street expects").
pub(super) const COLLECTIVES: &[&str] = &["Wall Street", "Silicon Valley"];

/// States and unions of states by their initials, named as such ("the EU said"); as a word
/// before a role they name no one ("a U.S. official", in [`GENERIC_CAPITALS`]).
pub(super) const STATES: &[&str] = &["US", "U.S.", "UK", "U.K.", "EU", "UN", "U.N."];

/// Quantifiers and indefinite determiners: one or some of a group, unnamed.
#[rustfmt::skip]
pub(super) const QUANTIFIERS: &[&str] = &[
    "a", "an", "one", "two", "three", "four", "five", "six", "several", "some", "many", "most",
    "another", "other", "others", "few", "numerous", "various", "multiple", "dozens", "hundreds",
    "thousands", "any", "each", "all", "more", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "dozen", "twenty",
];

/// Words that start a noun phrase.
#[rustfmt::skip]
pub(super) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "two", "three", "four", "several", "some", "many", "another", "other",
    "both", "most", "this", "that", "these", "those", "his", "her", "their", "its", "our", "few",
    "each", "all",
];

/// Capitalized words that start sentences but name nothing.
#[rustfmt::skip]
pub(super) const COMMON_WORDS: &[&str] = &[
    "according", "critics", "officials", "sources", "experts", "analysts", "residents", "police",
    "people", "authorities", "prosecutors", "officers", "witnesses", "investigators", "researchers",
    "scientists", "lawmakers", "economists", "report", "reports", "data", "some", "many", "most",
    "meanwhile", "however", "still", "yet", "also", "but", "and", "in", "on", "at", "for", "with",
    "by", "after", "before", "when", "while", "as", "if", "so", "his", "her", "their", "its", "our",
    "he", "she", "they", "it", "we", "i", "you", "there", "here", "now", "then", "today",
    "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "afterward", "afterwards", "indeed", "later", "earlier", "instead", "last", "next", "first",
    "finally", "additionally", "previously", "separately", "similarly", "recently", "ten", "seven",
    "eight", "nine", "five", "six", "two", "three", "four", "one",
];

/// Words set off by commas that are not the source ("Economists, however, argue").
#[rustfmt::skip]
pub(super) const ASIDES: &[&str] = &[
    "however", "meanwhile", "though", "too", "also", "moreover", "furthermore", "instead",
    "therefore", "nevertheless", "still", "then", "now", "again", "indeed", "overall", "separately",
    "later", "earlier", "previously", "today", "yesterday", "in", "turn", "fact", "particular",
    "addition", "short",
];

/// Prepositions: a phrase that starts with one is no source ("said in a statement").
#[rustfmt::skip]
pub(super) const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "of", "for", "from", "with", "during", "after", "before", "to", "by", "about",
    "under", "over",
];

/// Pronouns that may stand for a source just before.
#[rustfmt::skip]
pub(super) const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it",
];

/// Auxiliary and modal verbs: a phrase holding one is a clause, not a source.
#[rustfmt::skip]
pub(super) const AUXILIARIES: &[&str] = &[
    "would", "could", "should", "will", "can", "may", "might", "must", "be", "is", "are", "was",
    "were", "been", "being", "am", "have", "has", "had", "do", "does", "did",
];

/// Words that start what follows a role noun ("a source close to the talks").
#[rustfmt::skip]
pub(super) const HEAD_ENDS: &[&str] = &[
    "with", "at", "in", "on", "from", "for", "of", "close", "familiar", "briefed", "knowledgeable",
    "involved", "who", "to", "inside", "within", "near", "by", "under", "published", "released",
    "across",
    "representing",
];

/// Words that are not sources however they are used.
#[rustfmt::skip]
pub(super) const NOT_SOURCES: &[&str] = &[
    "we", "i", "you", "our", "my", "nobody", "someone", "somebody", "everyone", "everybody", "anyone",
    "reporters", "journalists", "this", "that", "there", "which", "who", "what", "it's", "what's",
    "here", "where",
];

/// Capitalized words that do not make a name ("a U.S. official", "a State Department official").
#[rustfmt::skip]
pub(super) const GENERIC_CAPITALS: &[&str] = &[
    "U.S.", "US", "U.K.", "UK", "U.N.", "UN", "EU", "State", "Department", "White", "House",
    "Pentagon", "Western", "European", "American", "Chinese", "Russian", "British", "Israeli",
    "Iranian", "Republican", "Democratic", "Democrat", "Administration", "Senate", "Congress",
    "GOP", "Arab", "Palestinian", "Ukrainian", "Syrian", "Afghan", "Indian", "Pakistani", "Turkish",
    "German", "French", "Japanese", "Korean", "Saudi", "Iraqi", "Mexican", "Canadian", "Australian",
    "Federal", "National", "Senior", "Former",
];

/// Words that open a clause saying a source is not named (", speaking on condition…,").
#[rustfmt::skip]
pub(super) const ANONYMITY_OPENINGS: &[&str] = &[
    "speaking", "requesting", "asking", "declining", "insisting",
];

/// Phrases that say a source is not named: the text's own evidence of anonymity.
#[rustfmt::skip]
pub(super) const ANONYMITY_STATEMENTS: &[&str] = &[
    "condition of anonymity", "conditions of anonymity", "on condition that", "not authorized",
    "not authorised", "authorized to speak", "authorised to speak", "not allowed to speak",
    "not permitted to speak", "insisted on anonymity", "requested anonymity", "request anonymity",
    "asked for anonymity", "granted anonymity", "asked not to be", "declined to be named",
    "declined to be identified", "did not want to be named", "did not want to be identified",
    "did not wish to be named", "not to be named", "not to be identified", "speaking anonymously",
    "spoke anonymously", "speak anonymously", "on background", "without being named",
    "without being identified", "anonymous source",
];

/// The start of a word that every phrase of [`ANONYMITY_STATEMENTS`] and [`REASONS`] has: a
/// sentence without one is not searched for the phrases (a test keeps the lists in step).
pub(super) const ANONYMITY_STEMS: [&str; 10] =
    ["anonym", "authori", "named", "identif", "condition", "allowed", "permitted", "background", "fear", "asked"];

/// Phrases that give a reason for anonymity (the summary's and the suggestion's reason).
#[rustfmt::skip]
pub const REASONS: [&str; 16] = [
    "not authorized", "not authorised", "authorized to speak", "authorised to speak",
    "not allowed to", "not permitted to", "condition of anonymity", "on condition that",
    "insisted on anonymity", "requested anonymity", "asked for anonymity", "asked not to be",
    "declined to be named", "declined to be identified", "speaking anonymously because", "fear of",
];

/// Phrases to look for in lowercase text, each with its searcher built once: building one per
/// phrase and call cost a fifth of the analysis. (aho-corasick, which finds them all in one
/// pass, was as fast here but added 34 KB gzip to the app's module, which links the assistant
/// for the summary's reasons.)
pub(super) struct Phrases(Vec<memchr::memmem::Finder<'static>>);

impl Phrases {
    fn new(phrases: &[&'static str]) -> Self {
        Phrases(phrases.iter().map(|p| memchr::memmem::Finder::new(p.as_bytes())).collect())
    }

    /// The first phrase in `lower` (lowercase text): its byte offset and the phrase; of two
    /// at the same place, the one that sorts first.
    pub fn first_in<'a>(&'a self, lower: &str) -> Option<(usize, &'a [u8])> {
        self.0.iter().filter_map(|f| f.find(lower.as_bytes()).map(|at| (at, f.needle()))).min()
    }
}

/// [`ANONYMITY_STATEMENTS`], with their searchers.
pub(super) static ANONYMITY_STATEMENT_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(ANONYMITY_STATEMENTS));

/// [`REASONS`], with their searchers.
pub(super) static REASON_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&REASONS));
