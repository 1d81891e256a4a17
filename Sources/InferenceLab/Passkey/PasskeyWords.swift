import Inference
/// The vocabulary passkeys are drawn from.
///
/// Common, concrete English words written into the code (no downloaded
/// data), so passkeys are the same on every machine and tokenize as one or
/// two tokens in typical vocabularies. Words are lower case letters only,
/// distinct, and disjoint from `PasskeyWords.labels`.
public enum PasskeyWords {
    /// 200 words passkeys are made of.
    public static let words: [String] = [
        "apple", "river", "stone", "garden", "window", "candle", "bridge", "forest", "pencil", "mirror",
        "orange", "silver", "basket", "rabbit", "thunder", "island", "ladder", "pepper", "button", "castle",
        "needle", "feather", "carpet", "blanket", "bottle", "kitchen", "hammer", "jacket", "lemon", "market",
        "meadow", "monkey", "number", "ocean", "paper", "parrot", "pillow", "planet", "pocket", "puzzle",
        "rocket", "saddle", "shadow", "spider", "spoon", "summer", "ticket", "tiger", "tomato", "tunnel",
        "valley", "violin", "wagon", "wallet", "winter", "wizard", "yellow", "zebra", "anchor", "arrow",
        "badge", "banana", "barrel", "beach", "berry", "bicycle", "blossom", "bucket", "butter", "cabin",
        "camera", "canvas", "carrot", "cherry", "chimney", "circle", "cloud", "coffee", "copper", "cotton",
        "crystal", "desert", "diamond", "dragon", "engine", "falcon", "fence", "finger", "flower", "fountain",
        "glove", "granite", "guitar", "harbor", "helmet", "honey", "horizon", "jungle", "kettle", "lantern",
        "leather", "lizard", "magnet", "marble", "meteor", "mountain", "mushroom", "napkin", "oyster", "paddle",
        "palace", "peanut", "pebble", "penguin", "piano", "pigeon", "pirate", "potato", "prism", "pumpkin",
        "quilt", "radio", "raven", "ribbon", "saucer", "scarf", "shovel", "sponge", "squirrel", "statue",
        "sugar", "sunset", "teapot", "temple", "thimble", "timber", "tractor", "trumpet", "turtle", "umbrella",
        "velvet", "walnut", "whistle", "willow", "wolf", "anvil", "apron", "bamboo", "beacon", "biscuit",
        "bread", "brick", "cactus", "canoe", "cedar", "chess", "clover", "comet", "coral", "cradle",
        "daisy", "dolphin", "drum", "eagle", "elbow", "ember", "fiddle", "garlic", "ginger", "goose",
        "harp", "hedge", "iron", "ivory", "jelly", "kitten", "koala", "lamp", "lemonade", "lobster",
        "maple", "melon", "mitten", "moss", "nectar", "olive", "onion", "otter", "panda", "pearl",
        "pine", "plum", "pony", "quartz", "robin", "salmon", "sandal", "school", "tulip", "vase",
    ]

    /// Labels that tell the keys of a multi-passkey prompt apart
    /// ("the pass key for Alpha is …").
    public static let labels: [String] = [
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett",
        "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango",
        "Uniform", "Victor", "Whiskey", "Xray", "Yankee", "Zulu",
    ]
}
