package org.insurwatch.traffic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/** Believable Chinese names and resident ID numbers that belong to nobody. */
final class FakePersonalData {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚文华金玉红志海燕斌鹏辉婷雪凤玲琳晨欣宇浩然子涵梓萱博思建国秀英桂兰";
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final int[] CHECK_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final LocalDate OLDEST_BIRTH = LocalDate.of(1940, 1, 1);
    private static final long BIRTH_SPAN_DAYS = ChronoUnit.DAYS.between(OLDEST_BIRTH, LocalDate.of(2005, 12, 31)) + 1;

    private FakePersonalData() {
    }

    static String name(SplittableRandom random) {
        StringBuilder name = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int givenLength = 1 + random.nextInt(2);
        for (int i = 0; i < givenLength; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    /**
     * An 18-character resident ID number of someone born in {@code region}. Its check character is
     * deliberately wrong (GB 11643 ISO 7064 MOD 11-2), so that no generated number can be a real person's.
     */
    static String residentIdNumber(PoolingRegion region, SplittableRandom random) {
        LocalDate birth = OLDEST_BIRTH.plusDays(random.nextLong(BIRTH_SPAN_DAYS));
        StringBuilder digits = new StringBuilder(18).append(region.code()).append(birth.getYear());
        twoDigits(digits, birth.getMonthValue());
        twoDigits(digits, birth.getDayOfMonth());
        int sequence = random.nextInt(1000);
        twoDigits(digits.append(sequence / 100), sequence % 100);
        String body = digits.toString();
        int validCheck = validCheckIndex(body);
        return body + CHECK_CHARACTERS.charAt((validCheck + 1 + random.nextInt(CHECK_CHARACTERS.length() - 1))
                % CHECK_CHARACTERS.length());
    }

    // String.format would do, at several times the cost; millions of persons are derived in a long run.
    private static void twoDigits(StringBuilder digits, int value) {
        digits.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static int validCheckIndex(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (body.charAt(i) - '0') * CHECK_WEIGHTS[i];
        }
        return sum % 11;
    }
}
