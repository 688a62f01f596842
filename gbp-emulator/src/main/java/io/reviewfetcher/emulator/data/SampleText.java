package io.reviewfetcher.emulator.data;

import java.util.List;

/** Word pools the generator draws from: several scripts, emoji, and the usual tone of each rating. */
final class SampleText {

    private SampleText() {
    }

    record City(String locality, String administrativeArea, String regionCode, String postalCode,
                String languageCode, String street, double lat, double lng, String phonePrefix) {
    }

    record Category(String id, String displayName) {
    }

    static final List<City> CITIES = List.of(
            new City("London", "", "GB", "SW1A 1AA", "en", "Baker Street", 51.5072, -0.1276, "+44 20 7946 "),
            new City("Manchester", "", "GB", "M1 1AE", "en", "Deansgate", 53.4808, -2.2426, "+44 161 496 "),
            new City("New York", "NY", "US", "10001", "en", "Broadway", 40.7128, -74.0060, "+1 212-555-"),
            new City("Austin", "TX", "US", "78701", "en", "Congress Ave", 30.2672, -97.7431, "+1 512-555-"),
            new City("Zürich", "ZH", "CH", "8001", "de", "Bahnhofstrasse", 47.3769, 8.5417, "+41 44 555 "),
            new City("München", "BY", "DE", "80331", "de", "Marienplatz", 48.1351, 11.5820, "+49 89 5550 "),
            new City("Paris", "", "FR", "75001", "fr", "Rue de Rivoli", 48.8566, 2.3522, "+33 1 55 55 "),
            new City("Madrid", "Madrid", "ES", "28013", "es", "Calle Mayor", 40.4168, -3.7038, "+34 915 55 "),
            new City("São Paulo", "SP", "BR", "01310-100", "pt", "Avenida Paulista", -23.5505, -46.6333, "+55 11 5555-"),
            new City("渋谷区", "東京都", "JP", "150-0002", "ja", "道玄坂1丁目", 35.6580, 139.7016, "+81 3-5555-"),
            new City("Москва", "Москва", "RU", "125009", "ru", "ул. Тверская", 55.7558, 37.6173, "+7 495 555-"),
            new City("دبي", "دبي", "AE", "00000", "ar", "شارع الشيخ زايد", 25.2048, 55.2708, "+971 4 555 "),
            new City("上海市", "上海市", "CN", "200000", "zh", "南京东路", 31.2304, 121.4737, "+86 21 5555 "),
            new City("Kraków", "Małopolskie", "PL", "31-001", "pl", "Rynek Główny", 50.0647, 19.9450, "+48 12 555 "));

    static final List<Category> CATEGORIES = List.of(
            new Category("categories/gcid:restaurant", "Restaurant"),
            new Category("categories/gcid:cafe", "Cafe"),
            new Category("categories/gcid:bakery", "Bakery"),
            new Category("categories/gcid:hotel", "Hotel"),
            new Category("categories/gcid:hair_salon", "Hair salon"),
            new Category("categories/gcid:dentist", "Dentist"),
            new Category("categories/gcid:car_repair", "Car repair and maintenance service"),
            new Category("categories/gcid:book_store", "Book store"),
            new Category("categories/gcid:ramen_restaurant", "Ramen restaurant"));

    static final List<String> BRANDS = List.of(
            "Harbour Street", "Northwind", "Sakura", "Blue Fern", "Café Lumière", "Golden Oak", "Brot & Butter",
            "Casa Olivo", "Полярная звезда", "さくら亭", "Aurora", "Little Lantern", "Zest & Zeal", "Copper Kettle");

    static final List<String> FIRST_NAMES = List.of(
            "Emma", "Liam", "Olivia", "Noah", "Sofia", "Mateo", "Chloé", "Lukas", "Aisha", "Kenji", "Priya",
            "Zoë", "João", "Ingrid", "Tomasz", "Fatima", "Wei", "Ольга", "Дмитрий", "花子", "太郎", "محمد",
            "ليلى", "美玲", "Björn", "Siobhán");

    static final List<String> LAST_NAMES = List.of(
            "Smith", "Müller", "García", "Rossi", "Dubois", "Kowalski", "Tanaka", "O'Brien", "Nguyen", "Silva",
            "Johansson", "Patel", "Смирнова", "Иванов", "田中", "佐藤", "الحسن", "王", "Ødegaard", "Núñez");

    static final List<String> POSITIVE_EN = List.of(
            "Absolutely loved it!", "Friendly staff and quick service.", "Best coffee in town, hands down.",
            "Clean, cosy and fairly priced.", "We will definitely be back.", "The team went out of their way to help us.",
            "Great atmosphere on a Friday night.", "Fresh food and generous portions.");

    static final List<String> MIXED_EN = List.of(
            "Decent, but a bit pricey.", "Service was slow at lunchtime.", "Good food, noisy room.",
            "OK overall, nothing special.", "Parking is a nightmare.");

    static final List<String> NEGATIVE_EN = List.of(
            "Waited 40 minutes and nobody apologised.", "Order was wrong twice.", "Rude staff at the counter.",
            "Not clean at all.", "Overcharged and no receipt.", "Booked a table, it was given away.");

    /** Reviews in other languages, each with the English text Google would show as its translation. */
    static final List<String[]> FOREIGN = List.of(
            new String[] {"Sehr freundliches Personal, gerne wieder!", "Very friendly staff, happy to come back!"},
            new String[] {"Service impeccable, je recommande.", "Impeccable service, I recommend."},
            new String[] {"La comida estaba fría y tardaron mucho.", "The food was cold and they took a long time."},
            new String[] {"とても美味しかったです！また来ます。", "It was very delicious! I will come again."},
            new String[] {"Отличное место, уютно и вкусно.", "Great place, cosy and tasty."},
            new String[] {"خدمة ممتازة وأسعار معقولة", "Excellent service and reasonable prices"},
            new String[] {"环境很好，服务员很热情。", "Nice environment, the staff are very warm."},
            new String[] {"Atendimento péssimo, não volto.", "Terrible service, I won't come back."},
            new String[] {"Świetna kawa i miła obsługa.", "Great coffee and nice service."});

    static final List<String> EMOJI = List.of("😍", "👍", "☕️", "🍜", "🔥", "😡", "👎", "🙏", "⭐⭐⭐⭐⭐", "🤷‍♀️");

    static final List<String> REPLIES_POSITIVE = List.of(
            "Thank you so much for your kind words! See you soon.", "We're thrilled you enjoyed your visit.",
            "Danke für Ihren Besuch!", "ありがとうございます！またのお越しをお待ちしております。");

    static final List<String> REPLIES_NEGATIVE = List.of(
            "We're sorry to hear this. Please contact us at hello@example.com so we can make it right.",
            "Thank you for the feedback, we have shared it with the team.",
            "Lamentamos mucho su experiencia. Por favor, contáctenos.");
}
