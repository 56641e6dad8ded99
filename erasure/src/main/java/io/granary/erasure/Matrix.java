package io.granary.erasure;

import java.util.Arrays;

/**
 * An immutable matrix over GF(2^8), row-major, used to build the systematic encoding matrix and
 * its decoding inverses. Rows and columns are counted from zero; every entry is a byte 0..255.
 */
public final class Matrix {
    private final byte[][] rows;

    private Matrix(byte[][] rows) {
        this.rows = rows;
    }

    /** A matrix holding a copy of {@code entries}; every row must have the same, non-zero length. */
    public static Matrix of(byte[][] entries) {
        if (entries.length == 0 || entries[0].length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column");
        }
        byte[][] copy = new byte[entries.length][];
        for (int r = 0; r < entries.length; r++) {
            if (entries[r].length != entries[0].length) {
                throw new IllegalArgumentException("row " + r + " has " + entries[r].length
                        + " columns, row 0 has " + entries[0].length);
            }
            copy[r] = entries[r].clone();
        }
        return new Matrix(copy);
    }

    /** The n×n identity. */
    public static Matrix identity(int n) {
        byte[][] entries = new byte[n][n];
        for (int i = 0; i < n; i++) {
            entries[i][i] = 1;
        }
        return new Matrix(entries);
    }

    /** The Vandermonde matrix: entry (r, c) is r^c in the field, with 0^0 = 1. */
    public static Matrix vandermonde(int rowCount, int columnCount) {
        byte[][] entries = new byte[rowCount][columnCount];
        for (int r = 0; r < rowCount; r++) {
            for (int c = 0; c < columnCount; c++) {
                entries[r][c] = (byte) GaloisField.power(r, c);
            }
        }
        return new Matrix(entries);
    }

    /**
     * The systematic encoding matrix for k data and m parity shards: the (k+m)×k Vandermonde matrix
     * times the inverse of its top k×k square, so the top k rows are the identity. This is the
     * construction of Backblaze JavaReedSolomon and klauspost/reedsolomon's default.
     */
    public static Matrix encoding(int dataShards, int parityShards) {
        Matrix vandermonde = vandermonde(dataShards + parityShards, dataShards);
        return vandermonde.times(vandermonde.selectRows(0, dataShards).inverse());
    }

    public int rowCount() {
        return rows.length;
    }

    public int columnCount() {
        return rows[0].length;
    }

    /** Entry (row, column) as 0..255. */
    public int get(int row, int column) {
        return rows[row][column] & 0xff;
    }

    /** A copy of one row. */
    public byte[] row(int row) {
        return rows[row].clone();
    }

    /** The product this × other. */
    public Matrix times(Matrix other) {
        if (columnCount() != other.rowCount()) {
            throw new IllegalArgumentException("cannot multiply " + rowCount() + "x" + columnCount()
                    + " by " + other.rowCount() + "x" + other.columnCount());
        }
        byte[][] product = new byte[rowCount()][other.columnCount()];
        for (int r = 0; r < rowCount(); r++) {
            for (int c = 0; c < other.columnCount(); c++) {
                int sum = 0;
                for (int i = 0; i < columnCount(); i++) {
                    sum ^= GaloisField.multiply(get(r, i), other.get(i, c));
                }
                product[r][c] = (byte) sum;
            }
        }
        return new Matrix(product);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public Matrix selectRows(int from, int to) {
        return new Matrix(Arrays.copyOfRange(rows, from, to));
    }

    /** The rows at the given indexes, in that order. */
    public Matrix selectRows(int[] indexes) {
        byte[][] picked = new byte[indexes.length][];
        for (int i = 0; i < indexes.length; i++) {
            picked[i] = rows[indexes[i]];
        }
        return new Matrix(picked);
    }

    /**
     * The inverse by Gauss–Jordan elimination over the field.
     *
     * @throws IllegalArgumentException if the matrix is not square or is singular
     */
    public Matrix inverse() {
        int n = rowCount();
        if (n != columnCount()) {
            throw new IllegalArgumentException("only a square matrix has an inverse, this is " + n + "x"
                    + columnCount());
        }
        byte[][] work = new byte[n][2 * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows[r], 0, work[r], 0, n);
            work[r][n + r] = 1;
        }
        for (int col = 0; col < n; col++) {
            pivot(work, col);
            int scale = GaloisField.divide(1, work[col][col] & 0xff);
            scaleRow(work[col], scale);
            for (int r = 0; r < n; r++) {
                if (r != col && work[r][col] != 0) {
                    addScaledRow(work[r], work[col], work[r][col] & 0xff);
                }
            }
        }
        byte[][] inverse = new byte[n][];
        for (int r = 0; r < n; r++) {
            inverse[r] = Arrays.copyOfRange(work[r], n, 2 * n);
        }
        return new Matrix(inverse);
    }

    /** Swaps a row with a non-zero entry in {@code col} into place. */
    private static void pivot(byte[][] work, int col) {
        for (int r = col; r < work.length; r++) {
            if (work[r][col] != 0) {
                byte[] swap = work[col];
                work[col] = work[r];
                work[r] = swap;
                return;
            }
        }
        throw new IllegalArgumentException("matrix is singular");
    }

    private static void scaleRow(byte[] row, int factor) {
        for (int i = 0; i < row.length; i++) {
            row[i] = (byte) GaloisField.multiply(row[i] & 0xff, factor);
        }
    }

    private static void addScaledRow(byte[] target, byte[] source, int factor) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= (byte) GaloisField.multiply(source[i] & 0xff, factor);
        }
    }

    /** All rows as a fresh array of fresh arrays. */
    byte[][] toArray() {
        byte[][] copy = new byte[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            copy[r] = rows[r].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Matrix matrix && Arrays.deepEquals(rows, matrix.rows);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(rows);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (byte[] row : rows) {
            for (byte entry : row) {
                text.append(String.format("%02x", entry & 0xff));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
