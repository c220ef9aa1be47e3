import { MatchReasonKind, type MatchReason } from "./match.types.js";
import { nameSimilarity } from "./match.names.js";
import type { CandidateProfile, PersonProfile } from "./match.repository.js";

/** Weights of the evidence; a candidate needs MIN_SCORE and at least one reason to be proposed. */
const WEIGHT = { name: 0.6, birthDate: 0.25, birthDateDiffers: -0.25, document: 0.35, sharedIdentifier: 0.15, sharedMax: 0.3 };
const MIN_NAME = 0.8;
export const MIN_SCORE = 0.5;

const IDENTIFIER_WORDS: Record<string, string> = {
  Phone: "phone number",
  Email: "e-mail address",
  Address: "address",
  BankAccount: "bank account",
};

function names(person: PersonProfile): string[] {
  return [person.fullName, ...person.aliases].filter((n) => !!n);
}

/**
 * Scores a candidate against a person: 0.6 × the best name similarity over all names and aliases, ±0.25 for
 * the same or a different date of birth, +0.35 for a document with the same number, +0.15 per kind of identifier
 * both are linked to (at most 0.3); clamped to 0–1.
 */
export function scoreCandidate(person: PersonProfile, found: CandidateProfile): { score: number; reasons: MatchReason[] } {
  const { candidate } = found;
  const reasons: MatchReason[] = [];
  const similarity = Math.max(0, ...names(person).flatMap((a) => names(candidate).map((b) => nameSimilarity(a, b))));
  let score = WEIGHT.name * similarity;
  if (similarity >= MIN_NAME) {
    reasons.push({
      kind: MatchReasonKind.NAME,
      weight: round(WEIGHT.name * similarity),
      detail: `Names ${Math.round(similarity * 100)}% alike (transliteration, accents, punctuation and word order ignored).`,
    });
  }
  if (person.dateOfBirth && candidate.dateOfBirth) {
    const same = person.dateOfBirth === candidate.dateOfBirth;
    const weight = same ? WEIGHT.birthDate : WEIGHT.birthDateDiffers;
    score += weight;
    reasons.push(
      same
        ? { kind: MatchReasonKind.BIRTH_DATE, weight, detail: "Same date of birth." }
        : { kind: MatchReasonKind.BIRTH_DATE_DIFFERS, weight, detail: "Different dates of birth." },
    );
  }
  if (found.sameDocuments.length > 0) {
    score += WEIGHT.document;
    const types = [...new Set(found.sameDocuments)].join(", ");
    reasons.push({ kind: MatchReasonKind.DOCUMENT, weight: WEIGHT.document, detail: `An identity document with the same number (${types}).` });
  }
  const kinds = [...new Set(found.sharedKinds)].sort();
  if (kinds.length > 0) {
    const weight = Math.min(WEIGHT.sharedMax, WEIGHT.sharedIdentifier * kinds.length);
    score += weight;
    const what = kinds.map((k) => IDENTIFIER_WORDS[k] ?? k).join(", ");
    reasons.push({ kind: MatchReasonKind.SHARED_IDENTIFIER, weight: round(weight), detail: `Linked to the same ${what}.` });
  }
  reasons.sort((a, b) => b.weight - a.weight);
  return { score: round(Math.min(1, Math.max(0, score))), reasons };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
