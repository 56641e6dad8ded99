package io.granary.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void encodingMatrixFor4Plus2EqualsTheSharedMatrix() {
        List<String[]> rows = ErasureVectors.rows("matrix-4-2.tsv").toList();
        byte[][] expected = new byte[rows.size()][];
        for (String[] row : rows) {
            expected[Integer.parseInt(row[0])] = HexFormat.of().parseHex(row[1]);
        }
        assertEquals(Matrix.of(expected), Matrix.encoding(4, 2));
    }

    @Test
    void vandermondeRowsArePowersOfTheRowIndex() {
        Matrix v = Matrix.vandermonde(6, 4);
        assertEquals(1, v.get(0, 0));
        assertEquals(0, v.get(0, 1));
        assertEquals(8, v.get(2, 3));
        assertEquals(GaloisField.multiply(5, GaloisField.multiply(5, 5)), v.get(5, 3));
    }

    @Test
    void everySquareOfFourEncodingRowsOf10Plus4IsInvertible() {
        Matrix encoding = Matrix.encoding(10, 4);
        assertEquals(Matrix.identity(10), encoding.selectRows(0, 10));
        int[] rows = {0, 2, 3, 5, 6, 7, 8, 10, 12, 13};
        Matrix square = encoding.selectRows(rows);
        assertEquals(Matrix.identity(10), square.times(square.inverse()));
        assertEquals(Matrix.identity(10), square.inverse().times(square));
    }

    @Test
    void singularOrNonSquareMatricesHaveNoInverse() {
        Matrix singular = Matrix.of(new byte[][] {{1, 2}, {1, 2}});
        assertThrows(IllegalArgumentException.class, singular::inverse);
        assertThrows(IllegalArgumentException.class, () -> Matrix.vandermonde(3, 2).inverse());
        assertThrows(IllegalArgumentException.class, () -> Matrix.identity(2).times(Matrix.identity(3)));
    }
}
