package org.caseexchange.gateway.casedata;

import java.util.List;
import java.util.Optional;

/**
 * Names that arrive transliterated in several ways. The generator files a person under one spelling
 * and sometimes an alias; test queries ask with another, as partners do.
 */
final class NameVariants {

    public static final List<List<String>> GIVEN = List.of(
            List.of("Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed"),
            List.of("Yusuf", "Youssef", "Yousef", "Yusef"),
            List.of("Hussein", "Hussain", "Husein", "Hossein"),
            List.of("Abdullah", "Abdallah", "Abdulla"),
            List.of("Ahmed", "Ahmad", "Ahmet"),
            List.of("Omar", "Umar", "Omer"),
            List.of("Fatima", "Fatimah", "Fatma"),
            List.of("Aisha", "Aicha", "Ayesha"),
            List.of("Khadija", "Khadijah", "Khadidja"),
            List.of("Aleksandr", "Alexander", "Aleksander", "Oleksandr"),
            List.of("Sergei", "Sergey", "Serhiy"),
            List.of("Yekaterina", "Ekaterina", "Katerina"),
            List.of("Dmitri", "Dmitry", "Dmytro"));

    public static final List<List<String>> FAMILY = List.of(
            List.of("Haddad", "Hadad"),
            List.of("Al-Hassan", "Alhassan", "El-Hassan"),
            List.of("Abdelrahman", "Abdul Rahman", "Abdulrahman"),
            List.of("Hussaini", "Husseini", "Hosseini"),
            List.of("Mahmoud", "Mahmud", "Mahmood"),
            List.of("Nasser", "Nasir", "Naser"),
            List.of("Khalil", "Kalil", "Khaleel"),
            List.of("Kuznetsov", "Kuznetsoff", "Kouznetsov"),
            List.of("Tkachenko", "Tkatchenko"),
            List.of("Zhang", "Chang"),
            List.of("Nguyen", "Nguyễn"),
            List.of("Mohammadi", "Muhammadi", "Mohamadi"),
            List.of("Rahimi", "Raheemi"));

    private NameVariants() {}

    /** The other spellings of a name, when it has any. */
    public static Optional<List<String>> groupOf(String name, List<List<String>> groups) {
        return groups.stream()
                .filter(group -> group.stream().anyMatch(variant -> variant.equalsIgnoreCase(name)))
                .findFirst();
    }
}
