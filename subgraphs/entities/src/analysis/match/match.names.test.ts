import { describe, expect, it } from "vitest";
import { nameSimilarity, nameWords } from "./match.names.js";

describe("name similarity for entity resolution", () => {
  it("reads names in any script, order, case and punctuation as the same words", () => {
    expect(nameWords("AL RASHID, Muhammad")).toEqual(["al", "rashid", "muhammad"]);
    expect(nameWords("Мухаммед Аль-Рашид")).toEqual(["mukhammed", "al", "rashid"]);
    expect(nameWords("Jürgen  O'Brien")).toEqual(["jurgen", "o", "brien"]);
  });

  it("scores transliterations and reordered names high, different names low", () => {
    expect(nameSimilarity("Mohammed Al-Rashid", "AL RASHID, Muhammad")).toBeGreaterThan(0.95);
    expect(nameSimilarity("Mohammed Al-Rashid", "Мухаммед Аль-Рашид")).toBeGreaterThan(0.9);
    expect(nameSimilarity("Jan de Vries", "de Vries, Jan")).toBe(1);
    expect(nameSimilarity("Jan de Vries", "Mohammed Al-Rashid")).toBeLessThan(0.3);
    expect(nameSimilarity("Mohamed Rashidi", "Mohammed Al-Rashid")).toBeLessThan(0.85);
    expect(nameSimilarity("", "Jan")).toBe(0);
  });
});
