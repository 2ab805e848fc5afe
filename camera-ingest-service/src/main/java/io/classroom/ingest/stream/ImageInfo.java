package io.classroom.ingest.stream;

/** Kind and size of an encoded image, read from its header without decoding the pixels. */
public record ImageInfo(String contentType, int width, int height) {

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";

    /** Null when the bytes are not a JPEG or PNG whose dimensions can be read. */
    public static ImageInfo read(byte[] data) {
        if (data == null || data.length < 24) {
            return null;
        }
        if ((data[0] & 0xff) == 0xFF && (data[1] & 0xff) == 0xD8) {
            return readJpeg(data);
        }
        if ((data[0] & 0xff) == 0x89
                && data[1] == 'P'
                && data[2] == 'N'
                && data[3] == 'G'
                && data[12] == 'I'
                && data[13] == 'H'
                && data[14] == 'D'
                && data[15] == 'R') {
            int width = int32(data, 16);
            int height = int32(data, 20);
            return width > 0 && height > 0 ? new ImageInfo(PNG, width, height) : null;
        }
        return null;
    }

    private static ImageInfo readJpeg(byte[] data) {
        int i = 2;
        while (i + 9 < data.length) {
            if ((data[i] & 0xff) != 0xFF) {
                return null;
            }
            int marker = data[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            int length = ((data[i + 2] & 0xff) << 8) | (data[i + 3] & 0xff);
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                int height = ((data[i + 5] & 0xff) << 8) | (data[i + 6] & 0xff);
                int width = ((data[i + 7] & 0xff) << 8) | (data[i + 8] & 0xff);
                return width > 0 && height > 0 ? new ImageInfo(JPEG, width, height) : null;
            }
            if (marker == 0xDA || length < 2) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    private static int int32(byte[] data, int offset) {
        return ((data[offset] & 0xff) << 24)
                | ((data[offset + 1] & 0xff) << 16)
                | ((data[offset + 2] & 0xff) << 8)
                | (data[offset + 3] & 0xff);
    }
}
