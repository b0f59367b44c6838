// Sets the `followUp` namespace of locales/nl.json and locales/en.json in one read-modify-write
// per file, leaving every other namespace (edited concurrently by others) as it is on disk.
// Usage: node src/followUp/setLocaleNamespace.js
const fs = require('node:fs');
const path = require('node:path');

const TEXTS = {
  nl: {
    notify: {
      received: 'Uw melding {{reference}} is ontvangen en bekeken door het meldpunt. We houden u op de hoogte.',
      assigned: 'Uw melding {{reference}} is doorgegeven aan {{partners}}. Zij nemen de vraag verder op.',
      approvedGift: 'Uw aanvraag {{reference}} is goedgekeurd: het gezin krijgt een laptop. We spreken af wanneer hij geleverd wordt.',
      approvedLoan: 'Uw aanvraag {{reference}} is goedgekeurd: het gezin kan een laptop lenen. We spreken af wanneer hij geleverd wordt.',
      approved: 'Uw aanvraag {{reference}} is goedgekeurd.',
      delivered: 'De laptop van aanvraag {{reference}} is geleverd.',
      rejected: 'Uw aanvraag {{reference}} kon niet worden goedgekeurd. Typ "persoon" als u meer wilt weten.',
      returned: 'De laptop van aanvraag {{reference}} is teruggebracht. Bedankt.',
      closed: 'Uw aanvraag {{reference}} is afgesloten. Bedankt om ze aan ons te bezorgen.',
    },
    statusWithPartner: 'Uw aanvraag {{reference}}: {{status}} ({{partners}}).',
    statusValues: {
      new: 'ontvangen, nog niet bekeken',
      screened: 'bekeken door het meldpunt',
      assigned: 'doorgegeven aan een partner',
      'contact-made': 'de partner heeft contact opgenomen',
      'in-progress': 'in behandeling',
      'approved-gift': 'goedgekeurd (laptop om te houden)',
      'approved-loan': 'goedgekeurd (laptop om te lenen)',
      approved: 'goedgekeurd',
      rejected: 'niet goedgekeurd',
      delivered: 'geleverd',
      returned: 'teruggebracht',
      closed: 'afgesloten',
    },
  },
  en: {
    notify: {
      received: 'Your report {{reference}} has been received and looked at by the helpline. We will keep you informed.',
      assigned: 'Your report {{reference}} has been passed on to {{partners}}. They will take the question further.',
      approvedGift: 'Your request {{reference}} has been approved: the family will get a laptop to keep. We will arrange when it is delivered.',
      approvedLoan: 'Your request {{reference}} has been approved: the family can borrow a laptop. We will arrange when it is delivered.',
      approved: 'Your request {{reference}} has been approved.',
      delivered: 'The laptop for request {{reference}} has been delivered.',
      rejected: 'Your request {{reference}} could not be approved. Type "person" if you would like to know more.',
      returned: 'The laptop for request {{reference}} has been returned. Thank you.',
      closed: 'Your request {{reference}} has been closed. Thank you for bringing it to us.',
    },
    statusWithPartner: 'Your request {{reference}}: {{status}} ({{partners}}).',
    statusValues: {
      new: 'received, not yet looked at',
      screened: 'looked at by the helpline',
      assigned: 'passed on to a partner',
      'contact-made': 'the partner has made contact',
      'in-progress': 'being handled',
      'approved-gift': 'approved (laptop to keep)',
      'approved-loan': 'approved (laptop on loan)',
      approved: 'approved',
      rejected: 'not approved',
      delivered: 'delivered',
      returned: 'returned',
      closed: 'closed',
    },
  },
};

/** Index just past the JSON value that starts at `from` (strings and nesting aware). */
function endOfValue(text, from) {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('setLocaleNamespace: unbalanced JSON');
}

// Text-level edit, not JSON.stringify of the whole file: the files keep their hand-made layout
// (one-line word lists), so other namespaces see no diff from this script.
for (const [locale, namespace] of Object.entries(TEXTS)) {
  const file = path.join(__dirname, '..', '..', 'locales', `${locale}.json`);
  const text = fs.readFileSync(file, 'utf8');
  JSON.parse(text);
  const block = `"followUp": ${JSON.stringify(namespace, null, 2).replace(/\n/g, '\n  ')}`;
  const existing = /\n {2}"followUp": /.exec(text);
  let out;
  if (existing) {
    const valueStart = existing.index + existing[0].length;
    out = `${text.slice(0, existing.index + 3)}${block}${text.slice(endOfValue(text, valueStart))}`;
  } else {
    const close = text.lastIndexOf('}');
    out = `${text.slice(0, close).replace(/\s*$/, '')},\n  ${block}\n}\n`;
  }
  JSON.parse(out);
  fs.writeFileSync(file, out);
}
