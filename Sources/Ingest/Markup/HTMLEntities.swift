/// Replacement text for HTML named entities that reach the tree unexpanded
/// (XHTML read by the XML parser, which loads no DTD).
enum HTMLEntities {
    static func text(for name: String) -> String {
        table[name] ?? ""
    }

    private static let table: [String: String] = [
        "nbsp": "\u{A0}", "ensp": " ", "emsp": " ", "thinsp": " ", "shy": "",
        "mdash": "—", "ndash": "–", "hellip": "…", "bull": "•", "middot": "·",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "sbquo": "‚", "bdquo": "„",
        "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›",
        "copy": "©", "reg": "®", "trade": "™", "sect": "§", "para": "¶", "deg": "°",
        "dagger": "†", "Dagger": "‡", "times": "×", "divide": "÷", "minus": "−", "plusmn": "±",
        "frac12": "½", "frac14": "¼", "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³",
        "euro": "€", "pound": "£", "yen": "¥", "cent": "¢",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "euml": "ë", "aacute": "á", "agrave": "à", "acirc": "â",
        "auml": "ä", "aring": "å", "ccedil": "ç", "iacute": "í", "iuml": "ï", "oacute": "ó", "ouml": "ö",
        "uacute": "ú", "uuml": "ü", "ntilde": "ñ", "szlig": "ß", "oslash": "ø", "aelig": "æ",
        "Eacute": "É", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü",
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
    ]
}
