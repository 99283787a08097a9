/**
 * Identifier and date checks, pure and public: the pre-review rules, the /validate API and
 * other capabilities (eligibility rules, issue #8) share them.
 */
export { regionOf, type RegionInfo } from './divisions.js';
export { ageOn, idCardCheckChar, validateIdCard, type IdCardInfo } from './idcard.js';
export { organizationCheckChar, usccCheckChar, validateUscc, type UsccInfo } from './uscc.js';
export { validatePhone, type PhoneInfo } from './phone.js';
export { isExpired, parseDocumentDate, parseValidityPeriod, type ValidityPeriod } from './dates.js';
export { compactIdentifier, isRealDate, todayInShanghai, type ValidationResult } from './normalize.js';
