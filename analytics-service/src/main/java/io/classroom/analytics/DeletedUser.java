package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A deleted user, remembered without naming them: the id is a digest of tenant and user id, and the pseudonym is
 * what replaced the user id everywhere. Events about the user that arrive after the deletion (the topics are not
 * ordered with auth.users.v1) get the same pseudonym, so nothing names them again and the counts stay consistent.
 */
@MongoEntity(collection = "deleted_users")
public class DeletedUser {

    @BsonId
    public String id;

    public String tenantId;
    public String pseudonym;
}
