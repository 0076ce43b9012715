// The staff pages' own messages (i18n/staff/*.json: the console's under console.…, the staff parts of lib/ under
// staff.…), added beside the customer's to the page's one dictionary. Imported by every module that speaks to staff,
// so their words are there in a node test too; staff-language.js then puts the page in the staff member's language.

import { addMessages } from './i18n.js';
import en from '../i18n/staff/en.json' with { type: 'json' };
import de from '../i18n/staff/de.json' with { type: 'json' };
import fr from '../i18n/staff/fr.json' with { type: 'json' };
import es from '../i18n/staff/es.json' with { type: 'json' };
import nl from '../i18n/staff/nl.json' with { type: 'json' };

addMessages({ en, de, fr, es, nl });

export { t, localize, localizeAttr, unlocalize, locale, language, listFormat, formatNumber, onLanguage } from './i18n.js';
