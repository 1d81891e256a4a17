/// Words that decide whether a `Word:` at the start of a transcript line is a
/// speaker. All lower case; compare with `lowercased()`.
enum SpeakerWords {
    /// Labels that head a field or a remark, never a speaker.
    static let fields: Set<String> = [
        "note", "notes", "warning", "example", "title", "date", "subject", "re", "from", "to", "cc", "time",
        "location", "attendees", "agenda", "http", "https", "q", "a", "summary", "action", "todo", "tip",
        "chapter", "article", "section", "step", "phone", "email", "tel", "fax", "url", "version",
    ]

    /// Words that open a sentence before a colon ("Digo: no quiero", "Look: it
    /// works"), in the languages subtitles most often come in, and sound
    /// descriptions of subtitles for the deaf ("[Music]"). Such a word is text,
    /// however often it recurs.
    static let sentenceOpeners: Set<String> = [
        // English
        "say", "says", "said", "look", "listen", "remember", "imagine", "think", "see", "yes", "no", "well", "so",
        "but", "and", "or", "now", "then", "here", "there", "this", "that", "why", "because", "also", "however",
        "answer", "question", "reason", "update", "reminder", "important", "caution", "hint", "source", "total",
        "result", "results", "status", "goal", "problem", "solution", "fact", "rule", "conclusion", "meaning",
        "definition", "translation", "hello", "hi", "hey", "ok", "okay", "wait", "please", "thanks", "attention",
        "edit", "ps", "nb", "fyi", "context", "background", "disclaimer", "verdict", "spoiler", "first", "second",
        "finally", "next", "again",
        // Spanish
        "digo", "dice", "dijo", "decía", "mira", "mire", "miren", "oye", "oiga", "escucha", "escuche", "ojo",
        "nota", "atención", "pregunta", "respuesta", "ejemplo", "resultado", "claro", "bueno", "pues",
        "entonces", "así", "sí", "vale", "ahora", "luego", "aquí", "eso", "esto", "porque", "pero", "también",
        "importante", "aviso", "cuidado", "fíjate", "imagínate", "recuerda", "piensa", "creo", "pienso",
        "verás", "conclusión", "resumen", "fuente", "hola", "gracias", "perdón", "primero", "después",
        // French
        "dis", "dit", "disait", "regarde", "regardez", "écoute", "écoutez", "remarque", "exemple", "réponse",
        "résultat", "bref", "bon", "alors", "donc", "voilà", "voici", "oui", "non", "mais", "et", "enfin",
        "bien", "ensuite", "puis", "résumé", "rappel", "avertissement", "merci", "bonjour",
        // German
        "sag", "sagt", "sagte", "schau", "hör", "achtung", "hinweis", "beispiel", "frage", "antwort",
        "ergebnis", "ja", "nein", "aber", "und", "jetzt", "dann", "hier", "wichtig", "warnung", "fazit",
        "zusammenfassung", "quelle", "danke",
        // Italian and Portuguese
        "dico", "disse", "guarda", "senti", "ascolta", "attenzione", "esempio", "domanda", "risposta",
        "risultato", "allora", "quindi", "ecco", "bene", "grazie", "diz", "olha", "olhe", "escuta", "atenção",
        "exemplo", "resposta", "então", "sim", "não", "mas", "pois", "obrigado", "obrigada",
        // Sound descriptions
        "music", "música", "musique", "musik", "musica", "applause", "aplausos", "laughter", "laughs", "laughing",
        "risas", "ríen", "rires", "silence", "silencio", "noise", "ruido", "inaudible", "crosstalk", "sighs",
        "static", "thunder", "truenos", "llora", "grita", "solloza",
    ]

    /// Roles that name a speaker even when they speak once ("Chair: the
    /// meeting is open").
    static let roles: Set<String> = [
        "chair", "chairman", "chairwoman", "chairperson", "moderator", "facilitator", "interviewer",
        "interviewee", "host", "guest", "narrator", "presenter", "announcer", "commentator", "anchor",
        "reporter", "audience", "caller", "operator", "agent", "customer", "judge", "witness", "counsel",
        "clerk", "prosecutor", "defendant", "plaintiff", "attorney", "president", "secretary", "panelist",
        "participant", "interpreter", "teacher", "student", "doctor", "patient",
        "moderador", "moderadora", "entrevistador", "entrevistadora", "entrevistado", "entrevistada",
        "narrador", "narradora", "presentador", "presentadora", "público", "presidente", "presidenta",
        "secretario", "secretaria", "juez", "testigo", "président", "présidente", "animateur", "animatrice",
        "journaliste", "témoin", "juge", "sprecher", "sprecherin", "moderatorin", "vorsitzender",
        "vorsitzende", "richter", "zeuge", "intervistatore", "presentatore", "narratore", "giudice",
    ]
}
