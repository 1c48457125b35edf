// PLOVER event types in the order the legend shows them (material conflict
// first, cooperation last) with their marker colours. Conflict types take warm
// colours, cooperation types cool ones, so a glance at the map shows the mix.
import { el } from "./dom.js";

export const PLOVER_TYPES = [
  ["ASSAULT", "#b71c1c"],
  ["PROTEST", "#ef6c00"],
  ["COERCE", "#7b1fa2"],
  ["MOBILIZE", "#795548"],
  ["THREATEN", "#d81b60"],
  ["SANCTION", "#f48fb1"],
  ["ACCUSE", "#f9a825"],
  ["REJECT", "#a1887f"],
  ["REQUEST", "#c0ca33"],
  ["CONSULT", "#1e88e5"],
  ["AGREE", "#00acc1"],
  ["SUPPORT", "#3949ab"],
  ["CONCEDE", "#4dd0e1"],
  ["COOPERATE", "#43a047"],
  ["AID", "#1b5e20"],
  ["RETREAT", "#8bc34a"],
];

const COLOURS = new Map(PLOVER_TYPES);
const ORDER = new Map(PLOVER_TYPES.map(([name], i) => [name, i]));

export function typeColour(type) {
  return COLOURS.get(type) || "#607d8b";
}

export function typeOrder(type) {
  return ORDER.has(type) ? ORDER.get(type) : PLOVER_TYPES.length;
}

/** A small coloured label with the type name (and mode when given). */
export function typeBadge(type, mode = null) {
  const badge = el("span", { class: "type-badge", text: type || "?" });
  badge.style.setProperty("--type-colour", typeColour(type));
  if (mode) badge.appendChild(el("span", { class: "type-mode", text: mode }));
  return badge;
}

// ACLED's six event types as the ontology spells them (data/ontology: acled_types);
// the API's acled_type filter takes these names.
export const ACLED_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
  "Riots", "Strategic developments"];
