// Generated from the server's /openapi.json by `npm run api -w @airlock/web`: do not edit.
// A browser test (e2e/console) fails when this file no longer matches the server's routes.
export interface paths {
  '/v1/accounts': {
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
          'application/json': {
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
            'application/json': {
              pilot: components['schemas']['Pilot'];
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
  '/v1/accounts/me': {
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
            'application/json': {
              pilot: components['schemas']['Pilot'];
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
          'application/json': {
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
  '/v1/accounts/me/export': {
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
  '/v1/accounts/me/password': {
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
          'application/json': {
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
  '/v1/admin/datasets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Import a zone file as a dataset (operator)
     * @description Body: the file itself (OpenAir text, ED-269/ED-318/GeoJSON JSON), or multipart/form-data with fields `airports` and `runways` for OurAirports. Bad records are skipped and listed unless strict=true. An import that skips more than 1% of its records is refused with 422 `partial_import` (details: records read, skipped, zones and the first 20 issues) and nothing is stored, unless accept_partial=true.
     */
    put: {
      parameters: {
        query?: {
          /** @description store the zones even when more than 1% of the records could not be read */
          accept_partial?: 'true' | 'false';
          /** @description detected from the content when absent */
          format?: 'ourairports' | 'openair' | 'ed269' | 'ed318' | 'geojson' | 'faa-tfr' | 'notam';
          licence?: string;
          name?: string;
          /** @description replace a dataset with the same id */
          replace?: 'true' | 'false';
          /** @description fail on the first bad record */
          strict?: 'true' | 'false';
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description imported; the dataset and the skipped records */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description the file could not be imported (message names the line or feature) */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description no or wrong operator token */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description dataset exists and replace was not set */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description more than 1% of the records were skipped and accept_partial was not set; nothing stored (error.details: read, skipped, zones, issues) */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    post?: never;
    /** Remove a dataset (operator) */
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
        /** @description removed */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description no such dataset */
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
  '/v1/admin/stats/requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Aggregate request counts per day and route (operator) */
    get: {
      parameters: {
        query?: {
          from?: string;
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description counts */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              counts: {
                count: number;
                day: string;
                route: string;
              }[];
            };
          };
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
  '/v1/admin/stats/telemetry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Telemetry aggregates, with small counts suppressed and optional DP noise (operator)
     * @description Counts below AIRLOCK_STATS_MIN_GROUP reports are suppressed; with AIRLOCK_STATS_EPSILON set, Laplace noise is added first and only days that can no longer change are published. See docs/telemetry.md.
     */
    get: {
      parameters: {
        query?: {
          by_day?: 'true' | 'false';
          category?: 'app_performance' | 'user_experience';
          from?: string;
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description published aggregates */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
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
  '/v1/datasets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Loaded airspace datasets with versions and zone counts */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description datasets */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              datasets: components['schemas']['Dataset'][];
            };
          };
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
  '/v1/flightlogs': {
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
            'application/json': {
              items: components['schemas']['FlightLog'][];
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
            'application/json': {
              created: boolean;
              flightlog: components['schemas']['FlightLog'];
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
  '/v1/flightlogs/{id}': {
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
            'application/json': components['schemas']['FlightLog'];
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
  '/v1/flightlogs/{id}/export.csv': {
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
            'text/csv': string;
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
  '/v1/flightlogs/{id}/export.geojson': {
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
            'application/geo+json': components['schemas']['FlightTrack'];
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
  '/v1/flightlogs/{id}/export.gpx': {
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
            'application/gpx+xml': string;
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
  '/v1/flightlogs/{id}/export.kml': {
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
            'application/vnd.google-earth.kml+xml': string;
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
  '/v1/flightlogs/{id}/original': {
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
            'application/octet-stream': string;
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
  '/v1/flightlogs/{id}/series': {
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
            'application/json': components['schemas']['FlightSeries'];
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
  '/v1/flightlogs/{id}/track': {
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
            'application/geo+json': components['schemas']['FlightTrack'];
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
  '/v1/flightlogs/uploads': {
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
  '/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness, with the loaded zone count */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description up */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ok';
              zones: number;
            };
          };
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
  '/v1/location/cells/{cellId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Zones and radio rules for a public grid cell (the default, private mechanism)
     * @description The device sends only the id of the ~22 km grid cell it is in. The answer holds every zone intersecting the cell grown by lookahead_max_m, so it is complete for any position in the cell; identical for every pilot there and cacheable.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          cellId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description zones, radio rules, version, cache lifetime */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LocationAnswer'];
          };
        };
        /** @description not modified */
        304: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description bad parameter, named in the message */
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
  '/v1/location/country': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Country and radio rules from the request’s IP address (last resort: no GPS, no MCC)
     * @description The address is looked up in an offline table and forgotten: never logged or stored.
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
        /** @description candidate country (empty when unknown) and the radio rules to apply */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              countries: string[];
              radio?: unknown;
              /** @enum {string} */
              source: 'ip' | 'none';
            };
          };
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
  '/v1/location/near': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Zones near a reported point (the reference mechanism, kept for comparison)
     * @description The reference drone maker’s mechanism: the device reports a point moved by a fresh random offset of up to 10 km. Repeated checks average out; prefer the cell route.
     */
    get: {
      parameters: {
        query: {
          lat: number | null;
          lon: number | null;
          radius_m: number | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description zones, radio rules, version, cache lifetime */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LocationAnswer'];
          };
        };
        /** @description not modified */
        304: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description bad parameter, named in the message */
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
  '/v1/sessions': {
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
          'application/json': {
            /**
             * @default sdk
             * @enum {string}
             */
            client?: 'sdk' | 'web';
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
            'application/json': {
              expires_at: string;
              pilot: components['schemas']['Pilot'];
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
  '/v1/sessions/current': {
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
  '/v1/telemetry/app_performance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * App performance: errors (scrubbed), feature counts, timings (aggregated on arrival)
     * @description Only declared, unexpired fields are accepted; unknown fields (identifiers, coordinates) are a 400 naming the field. Nothing per report is stored: the server adds the report to daily aggregates.
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
          'application/json': {
            context: {
              app_version: string;
              device_model: string;
              /** @enum {string} */
              os: 'android' | 'ios' | 'web' | 'windows' | 'macos' | 'linux' | 'other';
              os_version: string;
            };
            day: string;
            events: (
              | {
                  crash: boolean;
                  error_type: string;
                  fingerprint: string;
                  /** @enum {string} */
                  kind: 'error';
                  stack: string;
                }
              | {
                  count: number;
                  /** @enum {string} */
                  kind: 'feature';
                  /** @enum {string} */
                  name:
                    | 'map.open'
                    | 'check.location'
                    | 'settings.open'
                    | 'ledger.open'
                    | 'ledger.export'
                    | 'logs.sync'
                    | 'media.share'
                    | 'zone.details'
                    | 'warning.acknowledge'
                    | 'offline.cache_used';
                }
              | {
                  /** @enum {string} */
                  bucket: '<100ms' | '100-250ms' | '250-500ms' | '500ms-1s' | '1-2s' | '2-5s' | '>5s';
                  /** @enum {string} */
                  kind: 'timing';
                  /** @enum {string} */
                  name: 'app.startup' | 'location.check' | 'map.render';
                }
            )[];
            /** @enum {number} */
            v: 1;
          };
        };
      };
      responses: {
        /** @description durable (journalled and fsynced), added to the aggregates */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              accepted: number;
            };
          };
        };
        /** @description invalid, naming the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
                status: number;
              };
            };
          };
        };
        /** @description body over 64 KiB */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
                status: number;
              };
            };
          };
        };
        /** @description not added (aggregates not being written, or the journal cannot be written): retry */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
                status: number;
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/telemetry/user_experience': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * User experience: bucketed flight summaries (aggregated on arrival)
     * @description Only declared, unexpired fields are accepted; unknown fields (identifiers, coordinates) are a 400 naming the field. Nothing per report is stored: the server adds the report to daily aggregates.
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
          'application/json': {
            context: {
              app_version: string;
              /** @enum {string} */
              os: 'android' | 'ios' | 'web' | 'windows' | 'macos' | 'linux' | 'other';
            };
            day: string;
            flights: {
              /** @enum {string} */
              distance: '<100m' | '100-500m' | '500m-1km' | '1-2km' | '2-5km' | '>5km';
              /** @enum {string} */
              duration: '<1min' | '1-5min' | '5-10min' | '10-20min' | '20-30min' | '>30min';
              /** @enum {string} */
              photos: '0' | '1-5' | '6-20' | '21-50' | '>50';
              /** @enum {string} */
              videos: '0' | '1' | '2-5' | '>5';
            }[];
            /** @enum {number} */
            v: 1;
          };
        };
      };
      responses: {
        /** @description durable (journalled and fsynced), added to the aggregates */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              accepted: number;
            };
          };
        };
        /** @description invalid, naming the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
                status: number;
              };
            };
          };
        };
        /** @description body over 64 KiB */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
                status: number;
              };
            };
          };
        };
        /** @description not added (aggregates not being written, or the journal cannot be written): retry */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
                status: number;
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/zones': {
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
          category?:
            | 'restricted'
            | 'authorization'
            | 'enhanced_warning'
            | 'warning'
            | 'altitude'
            | 'temporary';
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
            'application/geo+json': components['schemas']['ZoneFeatureCollection'];
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
  '/v1/zones/tiles/{z}/{x}/{y}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Zones intersecting a Web Mercator tile
     * @description Zoom 7..22. The answer is cacheable (ETag, Cache-Control) and the same for every client.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          x: number | null;
          y: string;
          z: number;
        };
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
            'application/geo+json': components['schemas']['ZoneFeatureCollection'];
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
    Dataset: {
      bundled: boolean;
      counts: {
        [key: string]: number;
      };
      id: string;
      importedAt: string;
      licence: string;
      name: string;
      source: string;
      /** @description content hash of the imported source */
      version: string;
      zoneCount: number;
    };
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
      features: (
        | {
            geometry:
              | {
                  coordinates: number[][];
                  /** @enum {string} */
                  type: 'LineString';
                }
              | {
                  coordinates: number[][][];
                  /** @enum {string} */
                  type: 'MultiLineString';
                }
              | {
                  coordinates: number[];
                  /** @enum {string} */
                  type: 'Point';
                };
            properties: {
              duration_s: number | null;
              format: string;
              /** @enum {string} */
              kind: 'track';
              start: string | null;
              /** @description seconds since t = 0 per position (per line of a MultiLineString); null where unknown */
              times_s: (number | null)[] | (number | null)[][];
            };
            /** @enum {string} */
            type: 'Feature';
          }
        | {
            /** @description the track position nearest in time */
            geometry: {
              coordinates: number[];
              /** @enum {string} */
              type: 'Point';
            };
            properties: {
              /** @enum {string} */
              kind:
                | 'photo'
                | 'video_start'
                | 'video_stop'
                | 'armed'
                | 'disarmed'
                | 'info'
                | 'warning'
                | 'error';
              t_s: number;
              text?: string;
            };
            /** @enum {string} */
            type: 'Feature';
          }
      )[];
      /** @enum {string} */
      type: 'FeatureCollection';
    };
    LocationAnswer: {
      cell?: string;
      countries: string[];
      coverage?: number[][];
      dataset_version: string;
      generated_at: string;
      lookahead_max_m: number;
      max_age_s: number;
      query?: {
        lat: number;
        lon: number;
        radius_m: number;
      };
      /** @description the strictest radio rules over the countries */
      radio?: unknown;
      valid_until?: string;
      /** @description GeoJSON FeatureCollection of zones */
      zones?: unknown;
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
      type: 'FeatureCollection';
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
