// Tokenises sample drafts with the TextMate grammar (vscode-textmate + oniguruma, the engine
// VS Code uses) and checks the scopes of the constructs it must highlight. Run: npm test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const here = new URL('..', import.meta.url);
const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async (scopeName) =>
    scopeName === 'text.resolution'
      ? vsctm.parseRawGrammar(readFileSync(new URL('syntaxes/resolution.tmLanguage.json', here), 'utf8'), 'x.json')
      : null,
});
const grammar = await registry.loadGrammar('text.resolution');

/** Tokens of a text, as [{ line, text, scopes }]. */
function tokenize(text) {
  const out = [];
  let stack = vsctm.INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      out.push({ line: i, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = r.ruleStack;
  });
  return out;
}

/** Asserts that the token(s) spelling `text` on `line` carry a scope starting with `scope`. */
function expectScope(tokens, line, text, scope) {
  const toks = tokens.filter((t) => t.line === line);
  const joined = toks.map((t) => t.text).join('');
  const start = joined.indexOf(text);
  assert.ok(start >= 0, `line ${line}: "${text}" not in "${joined}"`);
  let pos = 0;
  for (const t of toks) {
    const end = pos + t.text.length;
    if (end > start && pos < start + text.length) {
      assert.ok(
        t.scopes.some((s) => s.startsWith(scope)),
        `line ${line}: "${t.text}" (in "${text}") has ${t.scopes.join(' ')}, not ${scope}`,
      );
    }
    pos = end;
  }
}

function expectNoScope(tokens, line, text, scope) {
  const toks = tokens.filter((t) => t.line === line);
  let pos = 0;
  const joined = toks.map((t) => t.text).join('');
  const start = joined.indexOf(text);
  assert.ok(start >= 0, `line ${line}: "${text}" not in "${joined}"`);
  for (const t of toks) {
    const end = pos + t.text.length;
    if (end > start && pos < start + text.length) {
      assert.ok(!t.scopes.some((s) => s.startsWith(scope)), `line ${line}: "${t.text}" should not be ${scope}`);
    }
    pos = end;
  }
}

test('French General Assembly draft', () => {
  const t = tokenize(
    [
      '---', //                                                             0
      'lang: fr', //                                                        1
      'symbol: A/RES/72/169', //                                            2
      '---', //                                                             3
      '72/169. Renforcement de la coopération internationale', //           4
      '', //                                                                5
      'L’Assemblée générale,', //                                           6
      '', //                                                                7
      '*Rappelant* sa résolution 70/1 du 25 septembre 2015[^1],', //        8
      '', //                                                                9
      '12. *Prie* le Secrétaire général « de présenter » un rapport :', //  10
      '   a) L’universalité ;', //                                          11
      '      ii) L’assistance technique ;', //                              12
      '', //                                                                13
      '3 bis *Décide* de [rester saisie] de la question.', //               14
      '<!-- note du facilitateur -->', //                                   15
      '[^1]: Voir A/72/439/Add.2 et S/RES/2334 (2016).', //                 16
    ].join('\n'),
  );
  expectScope(t, 1, 'lang', 'entity.name.tag.front-matter');
  expectScope(t, 2, 'A/RES/72/169', 'entity.name.namespace.document-symbol');
  expectScope(t, 4, '72/169', 'markup.heading.title');
  expectScope(t, 6, 'L’Assemblée générale', 'entity.name.section.organ-formula');
  expectScope(t, 8, 'Rappelant', 'markup.italic.opening-phrase');
  expectScope(t, 8, '70/1', 'entity.name.namespace.citation');
  expectScope(t, 8, '[^1]', 'meta.footnote.indicator');
  expectScope(t, 10, '12', 'constant.numeric.paragraph-label');
  expectScope(t, 10, 'Prie', 'markup.italic.opening-phrase');
  expectScope(t, 10, '« de présenter »', 'string.quoted.other.guillemets');
  expectScope(t, 11, 'a', 'variable.other.enummember.subparagraph-label');
  expectScope(t, 12, 'ii', 'variable.other.enummember.subparagraph-label');
  expectScope(t, 14, 'bis', 'keyword.other.insertion');
  expectScope(t, 14, 'Décide', 'markup.italic.opening-phrase');
  expectScope(t, 15, 'note du facilitateur', 'comment.block.html');
  expectScope(t, 16, '[^1]:', 'meta.footnote.body');
  expectScope(t, 16, 'A/72/439/Add.2', 'entity.name.namespace.document-symbol');
  expectScope(t, 16, 'S/RES/2334 (2016)', 'entity.name.namespace.document-symbol');
});

test('English and Spanish organ formulas, English sub-paragraphs', () => {
  const t = tokenize(
    [
      'The General Assembly,', //                                  0
      'El Consejo de Seguridad,', //                               1
      'The Security Council', //                                   2
      '*Le Conseil des droits de l’homme*,', //                    3
      '   (a) Sharing data;', //                                   4
      '      (ii) The transfer of marine technology;[^2]', //      5
      '## Annex II', //                                            6
      'The General Assembly decided to act,', //                   7
      '1. Welcomes the report;', //                                8
      '1.5 million people', //                                     9
    ].join('\n'),
  );
  expectScope(t, 0, 'The General Assembly', 'entity.name.section.organ-formula');
  expectScope(t, 1, 'El Consejo de Seguridad', 'entity.name.section.organ-formula');
  expectScope(t, 2, 'The Security Council', 'entity.name.section.organ-formula');
  expectScope(t, 3, 'Le Conseil des droits de l’homme', 'entity.name.section.organ-formula');
  expectScope(t, 4, 'a', 'variable.other.enummember.subparagraph-label');
  expectScope(t, 5, 'ii', 'variable.other.enummember.subparagraph-label');
  expectScope(t, 5, '[^2]', 'meta.footnote.indicator');
  expectScope(t, 6, 'Annex II', 'markup.heading');
  expectNoScope(t, 7, 'The General Assembly', 'entity.name.section.organ-formula');
  expectScope(t, 8, '1', 'constant.numeric.paragraph-label');
  expectNoScope(t, 9, '1.5', 'constant.numeric.paragraph-label');
});

test('the example drafts tokenise without error', () => {
  for (const f of ['cooperation-droits-homme.fr.res.md', 'ocean-science.en.res.md', 'somalia.es.res.md']) {
    const text = readFileSync(new URL(`../../examples/${f}`, here), 'utf8');
    const t = tokenize(text);
    assert.ok(t.some((x) => x.scopes.some((s) => s.startsWith('entity.name.section.organ-formula'))), f);
    assert.ok(t.some((x) => x.scopes.some((s) => s.startsWith('constant.numeric.paragraph-label'))), f);
    assert.ok(t.some((x) => x.scopes.some((s) => s.startsWith('meta.footnote.body'))), f);
  }
});
