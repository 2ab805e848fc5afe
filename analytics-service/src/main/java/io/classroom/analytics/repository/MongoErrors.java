package io.classroom.analytics.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

/** Classifies driver errors. */
final class MongoErrors {
    private MongoErrors() {}

    static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
