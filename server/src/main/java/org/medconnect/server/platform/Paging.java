package org.medconnect.server.platform;

import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.common.v1.PageResponse;

/** Offset paging for list RPCs: the page size a request may ask for, its token, and the next token. */
public final class Paging {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private Paging() {}

    /** 1..200; 0 or less means the default of 50. */
    public static int size(PageRequest page) {
        return page.getPageSize() <= 0 ? DEFAULT_PAGE : Math.min(page.getPageSize(), MAX_PAGE);
    }

    /** Where the page starts; a token the server did not hand out is refused. */
    public static int offset(PageRequest page) {
        String token = page.getPageToken();
        if (token.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(token);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw DomainException.InvalidInput.of("page.page_token", "The page token is not valid; start from the first page.");
        }
    }

    public static PageResponse response(int offset, int itemCount, int total, boolean hasMore) {
        return PageResponse.newBuilder().setTotalCount(total)
                .setNextPageToken(hasMore ? String.valueOf(offset + itemCount) : "").build();
    }
}
