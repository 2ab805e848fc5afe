package io.classroom.analytics.rest;

/** OpenAPI descriptions of the parameters several reads share, so they say the same everywhere. */
final class ParameterDocs {

    static final String FROM = "Start, inclusive: an ISO-8601 date-time (with Z or an offset; without either it is"
            + " UTC) or a date, local to the zone. Default: 30 days before `to` (analytics.default-range). Malformed:"
            + " 400 invalid-date naming the parameter.";

    static final String TO = "End, exclusive: an ISO-8601 date-time (with Z or an offset; without either it is UTC) or"
            + " a date, local to the zone and inclusive. Default: now. Malformed: 400 invalid-date naming the"
            + " parameter.";

    static final String ZONE = "IANA time zone of date bounds and of the buckets (default: the tenant's, else UTC);"
            + " a date-time without Z or an offset is UTC whatever the zone";

    static final String APP = "The application (^[a-z][a-z0-9-]{1,39}$) whose page views or personal sessions are"
            + " read; default classroom-web. Malformed: 400 invalid-app.";

    private ParameterDocs() {}
}
