import Foundation

/// Reads the numbers a text states, from digits ("18,000", "2.7", "9%",
/// "14th") and from English number words ("eighteen thousand", "sixty-one",
/// "fourteenth", "three hundred and forty-nine"), as values, so a summary
/// saying 15 is backed by a source saying "fifteenth".
public enum NumberReader {
    public static func values(in text: String) -> Set<Double> {
        digitValues(text).union(wordValues(text))
    }

    private static let digits = try? NSRegularExpression(pattern: #"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"#)

    static func digitValues(_ text: String) -> Set<Double> {
        guard let digits else { return [] }
        var out = Set<Double>()
        for m in digits.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let r = Range(m.range, in: text) else { continue }
            if let v = Double(text[r].replacingOccurrences(of: ",", with: "")) { out.insert(v) }
        }
        return out
    }

    static let units: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
        "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
        "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
        "dozen": 12, "once": 1, "twice": 2, "single": 1, "double": 2, "half": 0.5,
    ]
    static let scales: [String: Double] = ["hundred": 100, "thousand": 1_000, "million": 1_000_000,
                                           "billion": 1_000_000_000, "hundredth": 100, "thousandth": 1_000]

    /// Values of runs of number words; each run also yields its parts
    /// ("twenty-five thousand" gives 25000, and 25 as said).
    static func wordValues(_ text: String) -> Set<Double> {
        var out = Set<Double>()
        var total = 0.0, current = 0.0, inRun = false, partial = 0.0
        func close() {
            if inRun { out.insert(total + current); if partial > 0 { out.insert(partial) } }
            total = 0; current = 0; inRun = false; partial = 0
        }
        for raw in text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }) {
            let parts = raw.split(separator: "-").map(String.init)
            guard parts.allSatisfy({ units[$0] != nil || scales[$0] != nil }) else {
                if raw == "and" && inRun { continue }
                close()
                continue
            }
            for word in parts {
                if let u = units[word] {
                    current += u
                } else if let s = scales[word] {
                    if s == 100 { current = max(current, 1) * 100 } else {
                        partial = current
                        total += max(current, 1) * s
                        current = 0
                    }
                }
                inRun = true
            }
        }
        close()
        return out
    }
}
