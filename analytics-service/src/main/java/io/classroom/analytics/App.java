package io.classroom.analytics;

import java.util.regex.Pattern;

/**
 * The application a page view or a personal session belongs to (the same rule as tracking's): every read of them is
 * limited to one application, {@link #DEFAULT} unless the client names another. It names an application, never a
 * user.
 */
public final class App {

    /** The classroom web app: the application of every view and session that names none. */
    public static final String DEFAULT = "classroom-web";

    public static final String PATTERN = "^[a-z][a-z0-9-]{1,39}$";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private App() {}

    public static boolean isValid(String app) {
        return app != null && VALID.matcher(app).matches();
    }
}
