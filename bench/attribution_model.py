"""Issue 18: does a trained model find sources better than the rules? A linear-chain CRF
(CRFsuite) tags tokens B/I of a named source or an anonymous attribution from token features
(the word, its shape, its neighbours, reporting verbs and quotation marks near it, words of
anonymity in its sentence or the next). Trained on the development part of the labeled real
articles and our own passages; scored as `tests/support/labeled.rs` scores the rules (a
suggestion is right when it overlaps a label of its kind). Usage: attribution_model.py ANNOTATE
"""
import json, os, random, re, subprocess, sys, tempfile
from collections import defaultdict

import pycrfsuite

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
ANNOTATE = sys.argv[1]
TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*\.?|''|``|[^\w\s]")
OPENING, CLOSING = set('“„«') | {'``'}, set('”»')
QUOTES = OPENING | CLOSING | {'"', "''"}
CUES = set("""said says say saying told tells according added adds noted notes wrote writes asked
argued argues explained claimed claims stated reported reports insisted warned warns suggested
suggests believes believe think thinks acknowledged admitted confirmed denied declined announced
tweeted posted recalled estimated predicted cautioned countered replied responded continued
concluded agreed observed testified""".split())
ANONYMITY = set('anonymity anonymously authorized unnamed unidentified familiar knowledge condition named identified'.split())


def normalize(raw):
    """As `model::text::normalize`."""
    out, blank = '', 0
    for line in raw.replace('\r\n', '\n').replace('\r', '\n').split('\n'):
        line = (line.lstrip('\ufeff') if not out else line).rstrip()
        if not line:
            blank += 1
            continue
        if out:
            out += '\n\n' if blank else '\n'
        blank, out = 0, out + line
    return out


def real_articles():
    labels = json.load(open(f'{ROOT}/tests/data/attribution/real-articles.json'))['articles']
    truth = json.load(open(f'{ROOT}/../shared/article-extraction-benchmark/ground-truth.json'))
    for aid, rows in labels.items():
        text = normalize(truth[aid]['articleBody'])
        for kind, start, end, quote, _ in rows:
            assert text[start:end] == quote, (aid, start)
        yield dict(id=aid, text=text, held=aid[0] in '012345', labels=[(r[0], r[1], r[2]) for r in rows])


def own_passages():
    folder = f'{ROOT}/tests/data/attribution'
    for name in sorted(n for n in os.listdir(folder) if n.endswith('.txt')):
        marked, text, labels = open(f'{folder}/{name}').read().rstrip(), '', []
        while '{' in marked:
            i = marked.index('{')
            text += marked[:i]
            inner = marked[i + 1:]
            j = inner.index('}')
            kind, words = inner[:j].split('|', 1)
            labels.append(('A' if kind == 'A' else 'N', len(text), len(text) + len(words)))
            text += words
            marked = inner[j + 1:]
        yield dict(id=name, text=text + marked, held=False, labels=labels)


def rules(doc):
    """The assistant's suggestions, from `annotate suggest` (its text after a title line)."""
    with tempfile.NamedTemporaryFile('w', suffix='.txt') as f:
        f.write('Title\n\n' + doc['text'])
        f.flush()
        article = json.loads(subprocess.check_output([ANNOTATE, 'suggest', f.name]))['articles'][0]
    skip = len('Title\n\n')
    return [('A' if a['kind'] == 'anonymous_attribution' else 'N', a['start'] - skip, a['end'] - skip)
            for a in article['annotations']]


def shape(word):
    s = re.sub('[A-Z]', 'X', re.sub('[a-z]', 'x', re.sub('[0-9]', 'd', word)))
    return re.sub(r'(.)\1+', r'\1\1', s)


def features(text):
    tokens = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    lower = [w.lower() for w, _, _ in tokens]
    sentence, n, members = [], 0, defaultdict(list)
    quoted, inside = [], False
    for i, (w, a, b) in enumerate(tokens):
        sentence.append(n)
        members[n].append(i)
        following = tokens[i + 1][1] if i + 1 < len(tokens) else b
        if w in '.!?' or '\n' in text[b:following]:
            n += 1
        if i and '\n' in text[tokens[i - 1][2]:a]:
            inside = False
        if w in QUOTES:
            inside = (not inside) if w in ('"', "''") else w in OPENING
        quoted.append(inside)
    out = []
    for i, (w, a, b) in enumerate(tokens):
        own = members[sentence[i]]
        f = {'w=' + lower[i]: 1.0, 'shape=' + shape(w): 1.0, 'suffix=' + lower[i][-3:]: 1.0, 'bias': 1.0,
             'title': float(w[:1].isupper()), 'cue': float(lower[i] in CUES), 'quoted': float(quoted[i]),
             'sentence start': float(i == own[0]),
             'anonymity in sentence': float(any(lower[j] in ANONYMITY for j in own)),
             'anonymity next sentence': float(any(lower[j] in ANONYMITY for j in members.get(sentence[i] + 1, [])))}
        for d in (-3, -2, -1, 1, 2, 3):
            j = i + d
            if 0 <= j < len(tokens):
                f[f'w{d}={lower[j]}'] = 1.0
                f[f'shape{d}={shape(tokens[j][0])}'] = 1.0
                f[f'cue{d}'] = float(lower[j] in CUES)
                f[f'quote{d}'] = float(tokens[j][0] in QUOTES)
        cues = [j for j in own if lower[j] in CUES]
        if cues:
            f['cue at ' + str(max(-6, min(6, min(cues, key=lambda j: abs(j - i)) - i)))] = 1.0
        out.append(f)
    return tokens, out


def tags(tokens, labels):
    out = ['O'] * len(tokens)
    for kind, start, end in labels:
        inside = [i for i, (_, a, b) in enumerate(tokens) if a < end and start < b]
        for n, i in enumerate(inside):
            out[i] = ('B-' if n == 0 else 'I-') + kind
    return out


def spans(tokens, tagged):
    out, previous = [], 'O'
    for (_, a, b), tag in zip(tokens, tagged):
        if tag != 'O' and (tag.startswith('B-') or previous[2:] != tag[2:]):
            out.append([tag[2:], a, b])
        elif tag != 'O':
            out[-1][2] = b
        previous = tag
    return [tuple(s) for s in out]


def train(docs, path, c1=0.3, c2=0.05):
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc in docs:
        tokens, xs = features(doc['text'])
        trainer.append(xs, tags(tokens, doc['labels']))
    trainer.set_params({'c1': c1, 'c2': c2, 'max_iterations': 200, 'feature.possible_transitions': True})
    trainer.train(path)
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return lambda doc: (lambda t, xs: spans(t, tagger.tag(xs)))(*features(doc['text']))


def overlaps(a, b):
    return a[1] < b[2] and b[1] < a[2]


def named_added(rule_spans, model_spans):
    """The rules, plus the model's named sources that overlap none of them."""
    return rule_spans + [m for m in model_spans if m[0] == 'N' and not any(overlaps(m, r) for r in rule_spans)]


def score(docs, predicted):
    counts = {k: [0, 0, 0, 0] for k in 'AN'}  # right, suggested, found, labeled
    for doc, suggestions in zip(docs, predicted):
        for k, c in counts.items():
            labels = [l for l in doc['labels'] if l[0] == k]
            mine = [s for s in suggestions if s[0] == k]
            c[0] += sum(any(overlaps(s, l) for l in labels) for s in mine)
            c[1] += len(mine)
            c[2] += sum(any(overlaps(s, l) for s in mine) for l in labels)
            c[3] += len(labels)
    cell = lambda c: f'{c[0] / max(1, c[1]):.3f} | {c[2] / max(1, c[3]):.3f} | {c[2]} of {c[3]}'
    return f"{cell(counts['A'])} | {cell(counts['N'])}"


def main():
    articles = list(real_articles())
    development = [a for a in articles if not a['held']]
    held_out = [a for a in articles if a['held']]
    own = list(own_passages())
    random.Random(1).shuffle(development)
    ruled = {d['id']: rules(d) for d in articles}
    folder = tempfile.mkdtemp()
    crossed = {}
    for fold in range(5):
        test = development[fold::5]
        model = train([d for d in development if d not in test] + own, f'{folder}/fold{fold}')
        crossed.update({d['id']: model(d) for d in test})
    model = train(development + own, f'{folder}/all')
    held = {d['id']: model(d) for d in held_out}
    print('| part | method | anonymous P | anonymous R | found | named P | named R | found |')
    print('| --- | --- | --- | --- | --- | --- | --- | --- |')
    for part, docs, predicted in (('development, 5-fold', development, crossed), ('held out', held_out, held)):
        print(f'| {part} | rules | {score(docs, [ruled[d["id"]] for d in docs])} |')
        print(f'| {part} | CRF | {score(docs, [predicted[d["id"]] for d in docs])} |')
        print(f'| {part} | rules + CRF, all | {score(docs, [ruled[d["id"]] + predicted[d["id"]] for d in docs])} |')
        print(f'| {part} | rules + CRF named where no rule | '
              f'{score(docs, [named_added(ruled[d["id"]], predicted[d["id"]]) for d in docs])} |')


main()
