// Generated from the server's /openapi.json by `npm run api -w @airlock/web`: do not edit.
// Only the routes the console names are here; a browser test (e2e/console) fails when they change.
export interface paths {
    "/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign up with e-mail and password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example pilot@example.org */
                        email: string;
                        /** @description 15–256 characters; no composition rules, any Unicode (compared in NFKC form); common passwords are refused */
                        password: string;
                    };
                };
            };
            responses: {
                /** @description created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            pilot: components["schemas"]["Pilot"];
                        };
                    };
                };
                /** @description invalid e-mail or weak password (the message says why) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description an account with this e-mail exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description too many sign-ups from this network, or the server is busy; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in pilot */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description pilot */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            pilot: components["schemas"]["Pilot"];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete the account and everything held about the pilot
         * @description Needs the password. Deletes the pilot, every session, every flight log and the pilot's data key: any copy of the encrypted blobs that survives (a backup) can no longer be read.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 15–256 characters; no composition rules, any Unicode (compared in NFKC form); common passwords are refused */
                        password: string;
                    };
                };
            };
            responses: {
                /** @description deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description password wrong */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything the server holds about the pilot, as JSON
         * @description Account, sessions, sign-in throttle state and every flight log with its summary; originals are linked.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the export (a JSON attachment) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change the password (signs out every other session) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 15–256 characters; no composition rules, any Unicode (compared in NFKC form); common passwords are refused */
                        current_password: string;
                        /** @description 15–256 characters; no composition rules, any Unicode (compared in NFKC form); common passwords are refused */
                        new_password: string;
                    };
                };
            };
            responses: {
                /** @description changed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description current password wrong */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flightlogs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your flight logs, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description find the log of this file (before uploading it) */
                    sha256?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["FlightLog"][];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Import a flight log in one request (non-resumable)
         * @description Body: the file's bytes. The same file again returns the existing log (200). Corrupt → 422 naming the byte offset; nothing is stored. Larger than AIRLOCK_FLIGHTLOG_MAX_BYTES → 413. For large files or weak networks use the resumable upload (tus) at /v1/flightlogs/uploads.
         */
        post: {
            parameters: {
                query?: {
                    filename?: string;
                    /** @description checked when given */
                    sha256?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description already imported: the existing log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description imported */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: boolean;
                            flightlog: components["schemas"]["FlightLog"];
                        };
                    };
                };
                /** @description too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description corrupt or unrecognised file, or SHA-256 mismatch */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flightlogs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Summary of one flight */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FlightLog"];
                    };
                };
                /** @description no such flight log among yours (another pilot's id too) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a flight log: the original, every derived blob and the row */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description no such flight log among yours (another pilot's id too) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flightlogs/{id}/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export as CSV (full resolution) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the CSV file (an attachment) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description no such flight log among yours (another pilot's id too) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flightlogs/{id}/export.geojson": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export as GEOJSON (full resolution) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the GEOJSON file (an attachment) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["FlightTrack"];
                    };
                };
                /** @description no such flight log among yours (another pilot's id too) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flightlogs/{id}/export.gpx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export as GPX (full resolution) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the GPX file (an attachment) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/gpx+xml": string;
                    };
                };
                /** @description no such flight log among yours (another pilot's id too) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flightlogs/{id}/export.kml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export as KML (full resolution) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the KML file (an attachment) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.google-earth.kml+xml": string;
                    };
                };
                /** @description no such flight log among yours (another pilot's id too) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flightlogs/{id}/original": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The original file, byte for byte */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file as uploaded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description no such flight log among yours (another pilot's id too) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flightlogs/{id}/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Time series for charts (at most 2000 points)
         * @description fields: channel names (alt_rel_m, h_speed_mps, …) or aliases (altitude, altitude_amsl, speed, vertical_speed, heading, battery, voltage, latitude, longitude); all channels when absent. Unknown names are a 400.
         */
        get: {
            parameters: {
                query?: {
                    fields?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the series, thinned to a common time base */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FlightSeries"];
                    };
                };
                /** @description an unknown field name */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description no such flight log among yours (another pilot's id too) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flightlogs/{id}/track": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The track for a map (GeoJSON, at most 2,000 points, shape kept) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description GeoJSON FeatureCollection: the track and events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["FlightTrack"];
                    };
                };
                /** @description no such flight log among yours (another pilot's id too) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flightlogs/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a resumable upload (tus 1.0: creation, creation-with-upload, termination, expiration)
         * @description Headers: Tus-Resumable: 1.0.0, Upload-Length, Upload-Metadata with "sha256" (hex, required) and "filename". Then PATCH /v1/flightlogs/uploads/{uploadId} with Upload-Offset; HEAD tells the offset to resume from. The PATCH that completes the file imports it and answers with Airlock-Flightlog-Id; a corrupt file is a 422 and nothing is kept. Unfinished uploads are encrypted on disk and swept after AIRLOCK_UPLOAD_EXPIRY_H.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description created; Location is the upload URL */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description client "sdk" (default) gets the token in the body, for an Authorization: Bearer header. client "web" gets it only as an HttpOnly, Secure, SameSite=Strict cookie, so page scripts never see it. Attempts are limited per e-mail address and per client (429 with Retry-After); the client address is used only as an in-memory keyed hash, never stored or logged.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default sdk
                         * @enum {string}
                         */
                        client?: "sdk" | "web";
                        /** @example pilot@example.org */
                        email: string;
                        /** @description 15–256 characters; no composition rules, any Unicode (compared in NFKC form); common passwords are refused */
                        password: string;
                    };
                };
            };
            responses: {
                /** @description signed in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expires_at: string;
                            pilot: components["schemas"]["Pilot"];
                            token?: string;
                        };
                    };
                };
                /** @description wrong e-mail or password (the same answer for both) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description too many attempts for this e-mail address or from this client; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Sign out (revokes this session) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/zones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Zones intersecting a bounding box */
        get: {
            parameters: {
                query: {
                    /** @description west,south,east,north in degrees (WGS 84) */
                    bbox: string;
                    /** @description only zones of this category */
                    category?: "restricted" | "authorization" | "enhanced_warning" | "warning" | "altitude" | "temporary";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the zones */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ZoneFeatureCollection"];
                    };
                };
                /** @description not modified (ETag matched) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description a bad parameter, named in the error message */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        FlightLog: {
            filename: string;
            format: string;
            id: string;
            messages: {
                [key: string]: number;
            };
            sha256: string;
            size_bytes: number;
            summary: {
                aircraft: string | null;
                app: string | null;
                battery_used_pct: number | null;
                /** @description frames that failed their checksum (tlog); not in messages */
                crc_failures: number | null;
                distance_m: number | null;
                duration_s: number | null;
                max_alt_amsl_m: number | null;
                /** @description above take-off */
                max_alt_m: number | null;
                max_distance_from_home_m: number | null;
                max_speed_mps: number | null;
                /** @description UTC start, or null when the log has no absolute time */
                start: string | null;
            };
            uploaded_at: string;
            warnings: string[];
        };
        FlightSeries: {
            /** @description only channels the log has a value for, each as long as t_s; null where unknown */
            channels: {
                alt_amsl_m?: (number | null)[];
                alt_rel_m?: (number | null)[];
                battery_pct?: (number | null)[];
                battery_v?: (number | null)[];
                h_speed_mps?: (number | null)[];
                heading_deg?: (number | null)[];
                lat_deg?: (number | null)[];
                lon_deg?: (number | null)[];
                stick_pitch?: (number | null)[];
                stick_roll?: (number | null)[];
                stick_throttle?: (number | null)[];
                stick_yaw?: (number | null)[];
                v_speed_mps?: (number | null)[];
            };
            /** @description seconds between points; null with one point */
            step_s: number | null;
            t_s: number[];
        };
        FlightTrack: {
            features: ({
                geometry: {
                    coordinates: number[][];
                    /** @enum {string} */
                    type: "LineString";
                } | {
                    coordinates: number[][][];
                    /** @enum {string} */
                    type: "MultiLineString";
                } | {
                    coordinates: number[];
                    /** @enum {string} */
                    type: "Point";
                };
                properties: {
                    duration_s: number | null;
                    format: string;
                    /** @enum {string} */
                    kind: "track";
                    start: string | null;
                    /** @description seconds since t = 0 per position (per line of a MultiLineString); null where unknown */
                    times_s: (number | null)[] | (number | null)[][];
                };
                /** @enum {string} */
                type: "Feature";
            } | {
                /** @description the track position nearest in time */
                geometry: {
                    coordinates: number[];
                    /** @enum {string} */
                    type: "Point";
                };
                properties: {
                    /** @enum {string} */
                    kind: "photo" | "video_start" | "video_stop" | "armed" | "disarmed" | "info" | "warning" | "error";
                    t_s: number;
                    text?: string;
                };
                /** @enum {string} */
                type: "Feature";
            })[];
            /** @enum {string} */
            type: "FeatureCollection";
        };
        Pilot: {
            /** @description day only */
            created_on: string;
            email: string;
            id: string;
        };
        /** @description GeoJSON FeatureCollection: one Feature per zone; properties carry id, name, category, lower/upper limits, source, licence, dataset and applicability. Circles are written as polygons with `circle: {center, radius_m}` kept in the properties. */
        ZoneFeatureCollection: {
            features: unknown[];
            /** @enum {string} */
            type: "FeatureCollection";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
