package io.classroom.ingest;

/** Camera user and password; {@link #toString()} never shows the password. */
public record Credentials(String username, String password) {

    @Override
    public String toString() {
        return "Credentials[username=***, password=***]";
    }
}
