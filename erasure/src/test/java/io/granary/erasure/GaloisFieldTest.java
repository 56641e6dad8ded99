package io.granary.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GaloisFieldTest {

    @Test
    void expAndLogTablesEqualTheSharedFieldTable() {
        List<String[]> rows = ErasureVectors.rows("gf256-11d.tsv").toList();
        assertEquals(256, rows.size());
        for (String[] row : rows) {
            int i = Integer.parseInt(row[0], 16);
            assertEquals(Integer.parseInt(row[1], 16), GaloisField.exp(i), "exp(" + i + ")");
            if (i == 0) {
                assertEquals("-", row[2]);
                assertThrows(IllegalArgumentException.class, () -> GaloisField.log(0));
            } else {
                assertEquals(Integer.parseInt(row[2], 16), GaloisField.log(i), "log(" + i + ")");
            }
        }
    }

    @Test
    void multiplicationTableAgreesWithCarrylessMultiplyModuloThePolynomial() {
        for (int a = 0; a < 256; a++) {
            byte[] row = GaloisField.multiplicationRow(a);
            for (int b = 0; b < 256; b++) {
                int expected = slowMultiply(a, b);
                assertEquals(expected, GaloisField.multiply(a, b), a + "*" + b);
                assertEquals(expected, row[b] & 0xff, a + "*" + b + " (table)");
                if (b != 0) {
                    assertEquals(a, GaloisField.divide(expected, b), a + "*" + b + "/" + b);
                }
            }
        }
    }

    @Test
    void divisionByZeroIsRefused() {
        assertThrows(ArithmeticException.class, () -> GaloisField.divide(5, 0));
    }

    private static int slowMultiply(int a, int b) {
        int product = 0;
        for (int bit = 0; bit < 8; bit++) {
            if ((b & (1 << bit)) != 0) product ^= a << bit;
        }
        for (int bit = 15; bit >= 8; bit--) {
            if ((product & (1 << bit)) != 0) product ^= GaloisField.POLYNOMIAL << (bit - 8);
        }
        return product;
    }
}
