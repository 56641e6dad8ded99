package io.granary.iam;

import static io.granary.iam.IamServiceTest.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PagingTest {
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");

    @Test
    void pagesFollowEachOtherByMarkerUntilNotTruncated() {
        Paging.Page<String> first = Paging.page(NAMES, Function.identity(), null, 2);
        assertEquals(List.of("a", "b"), first.items());
        assertTrue(first.truncated());
        Paging.Page<String> second = Paging.page(NAMES, Function.identity(), first.marker(), 2);
        assertEquals(List.of("c", "d"), second.items());
        Paging.Page<String> last = Paging.page(NAMES, Function.identity(), second.marker(), 2);
        assertEquals(List.of("e"), last.items());
        assertFalse(last.truncated());
        assertNull(last.marker());
    }

    @Test
    void theDefaultIsAHundredAndTheRangeIsOneToAThousand() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) many.add(String.format("u%03d", i));
        assertEquals(100, Paging.page(many, Function.identity(), null, null).items().size());
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> Paging.page(NAMES, Function.identity(), null,
                0)));
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> Paging.page(NAMES, Function.identity(), null,
                1001)));
    }

    @Test
    void aMarkerStaysCorrectWhenItsEntityWasDeletedMeanwhile() {
        Paging.Page<String> first = Paging.page(NAMES, Function.identity(), null, 2);
        List<String> afterDelete = List.of("a", "c", "d", "e");
        assertEquals(List.of("c", "d"), Paging.page(afterDelete, Function.identity(), first.marker(), 2).items());
        assertEquals(List.of(), Paging.page(NAMES, Function.identity(), "z", 2).items());
    }
}
