package dev.webhookkit.verify;

/** How the signature bytes are written into a header. */
public enum SignatureEncoding {
    /** Lower-case hexadecimal when signing; either case is accepted when verifying. */
    HEX,
    /** Standard base64 alphabet with padding (RFC 4648 section 4). */
    BASE64
}
