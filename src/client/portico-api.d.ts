// Generated from docs/openapi.json by `npm run openapi`: do not edit.
export interface paths {
    "/v1/auth/access_token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a client id and secret for a bearer token */
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
                        clientId: string;
                        clientSecret: string;
                    };
                };
            };
            responses: {
                /** @description the access token */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a bearer token for the Authorization header */
                            accessToken: string;
                            /** @description seconds until the token expires */
                            expiresIn: number;
                            /** @enum {string} */
                            tokenType: "Bearer";
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password; sets the session cookie and answers the CSRF token */
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
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description the session: who is signed in and its CSRF token */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description the signed-in user */
                            user: {
                                /** @description the email of the signed-in user */
                                email: string;
                                /**
                                 * @description a person (Standard) or a service account
                                 * @enum {string}
                                 */
                                type: "Standard" | "Service Account";
                                /** @description Admin or Member, and `<blueprint>-moderator` for each blueprint moderated */
                                roles: string[];
                                /** @description the teams the user belongs to */
                                teams: string[];
                            } & {
                                [key: string]: unknown;
                            };
                            /** @description send it as the x-csrf-token header with every write */
                            csrfToken: string;
                            /**
                             * Format: date-time
                             * @description when the session ends at the latest
                             */
                            expiresAt: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user and the CSRF token for writes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the session: who is signed in and its CSRF token */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description the signed-in user */
                            user: {
                                /** @description the email of the signed-in user */
                                email: string;
                                /**
                                 * @description a person (Standard) or a service account
                                 * @enum {string}
                                 */
                                type: "Standard" | "Service Account";
                                /** @description Admin or Member, and `<blueprint>-moderator` for each blueprint moderated */
                                roles: string[];
                                /** @description the teams the user belongs to */
                                teams: string[];
                            } & {
                                [key: string]: unknown;
                            };
                            /** @description send it as the x-csrf-token header with every write */
                            csrfToken: string;
                            /**
                             * Format: date-time
                             * @description when the session ends at the latest
                             */
                            expiresAt: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session and clear its cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password (signed in); your other sessions end */
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
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/auth/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a password with a one-time invitation or reset token */
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
                        token: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/auth/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether single sign-on is configured, its name, and why the last sign-in failed (once) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description single sign-on as configured */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description whether single sign-on is configured */
                            enabled: boolean;
                            /** @description the provider's name, when enabled */
                            name?: string;
                            /** @description why the last sign-in failed; answered once, then forgotten */
                            error?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List blueprints */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every blueprint, by identifier */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            blueprints: ({
                                identifier: string;
                                title: string;
                                icon?: string;
                                description?: string;
                                schema: {
                                    /** @description the properties, by identifier */
                                    properties: {
                                        [key: string]: {
                                            /** @description the property's type */
                                            type: "string" | "number" | "boolean" | "object" | "array";
                                            title?: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description the identifiers of required properties */
                                    required: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the relations, by identifier */
                                relations: {
                                    [key: string]: {
                                        title?: string;
                                        description?: string;
                                        /** @description the identifier of the blueprint it points to */
                                        target: string;
                                        required: boolean;
                                        many: boolean;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values read through relations, by identifier */
                                mirrorProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description relation identifiers joined by dots, ending in a property */
                                        path: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values computed with jq, by identifier */
                                calculationProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description a jq expression over the entity's JSON */
                                        calculation: string;
                                        /** @description the property's type */
                                        type: "string" | "number" | "boolean" | "object" | "array";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description related entities' aggregates, by identifier */
                                aggregationProperties: {
                                    [key: string]: {
                                        title: string;
                                        /** @description the blueprint whose related entities it aggregates */
                                        target: string;
                                        /** @enum {string} */
                                        type?: "number";
                                        calculationSpec: {
                                            /** @description count, average, sum, min, max or median */
                                            func: string;
                                            calculationBy: "entities" | "property";
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description who owns the blueprint's entities */
                                ownership?: ({
                                    /** @enum {string} */
                                    type: "Direct";
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "Inherited";
                                    /** @description relation identifiers joined by dots, to a Direct blueprint */
                                    path: string;
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description where Port sends the blueprint's changes: validated and stored, nothing is sent yet */
                                changelogDestination?: {
                                    type: "WEBHOOK" | "KAFKA";
                                    /** @description the webhook: an http(s) URL */
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description changes with every write: its ETag, for If-Match */
                                version: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a blueprint */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description A blueprint in Port JSON (port-model §1) */
            requestBody: {
                content: {
                    "application/json": {
                        identifier: string;
                        title: string;
                        icon?: string;
                        description?: string;
                        schema: {
                            [key: string]: unknown;
                        };
                        relations?: {
                            [key: string]: unknown;
                        };
                        mirrorProperties?: {
                            [key: string]: unknown;
                        };
                        calculationProperties?: {
                            [key: string]: unknown;
                        };
                        aggregationProperties?: {
                            [key: string]: unknown;
                        };
                        ownership?: {
                            [key: string]: unknown;
                        };
                        changelogDestination?: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The blueprint as stored; its version is also the ETag header */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description A blueprint in Port JSON (port-model §1) */
                            blueprint: {
                                identifier: string;
                                title: string;
                                icon?: string;
                                description?: string;
                                schema: {
                                    /** @description the properties, by identifier */
                                    properties: {
                                        [key: string]: {
                                            /** @description the property's type */
                                            type: "string" | "number" | "boolean" | "object" | "array";
                                            title?: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description the identifiers of required properties */
                                    required: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the relations, by identifier */
                                relations: {
                                    [key: string]: {
                                        title?: string;
                                        description?: string;
                                        /** @description the identifier of the blueprint it points to */
                                        target: string;
                                        required: boolean;
                                        many: boolean;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values read through relations, by identifier */
                                mirrorProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description relation identifiers joined by dots, ending in a property */
                                        path: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values computed with jq, by identifier */
                                calculationProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description a jq expression over the entity's JSON */
                                        calculation: string;
                                        /** @description the property's type */
                                        type: "string" | "number" | "boolean" | "object" | "array";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description related entities' aggregates, by identifier */
                                aggregationProperties: {
                                    [key: string]: {
                                        title: string;
                                        /** @description the blueprint whose related entities it aggregates */
                                        target: string;
                                        /** @enum {string} */
                                        type?: "number";
                                        calculationSpec: {
                                            /** @description count, average, sum, min, max or median */
                                            func: string;
                                            calculationBy: "entities" | "property";
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description who owns the blueprint's entities */
                                ownership?: ({
                                    /** @enum {string} */
                                    type: "Direct";
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "Inherited";
                                    /** @description relation identifiers joined by dots, to a Direct blueprint */
                                    path: string;
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description where Port sends the blueprint's changes: validated and stored, nothing is sent yet */
                                changelogDestination?: {
                                    type: "WEBHOOK" | "KAFKA";
                                    /** @description the webhook: an http(s) URL */
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description changes with every write: its ETag, for If-Match */
                                version: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                            additionalData?: {
                                /** @description the ownership given, left out: the blueprint is owned directly until a change gives it again */
                                ignoredOwnership?: {
                                    /** @description who owns the blueprint's entities */
                                    ownership: ({
                                        /** @enum {string} */
                                        type: "Direct";
                                        title?: string;
                                    } & {
                                        [key: string]: unknown;
                                    }) | ({
                                        /** @enum {string} */
                                        type: "Inherited";
                                        /** @description relation identifiers joined by dots, to a Direct blueprint */
                                        path: string;
                                        title?: string;
                                    } & {
                                        [key: string]: unknown;
                                    });
                                    /** @description which relation the path names is missing */
                                    reason: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{identifier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a blueprint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The blueprint as stored; its version is also the ETag header */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description A blueprint in Port JSON (port-model §1) */
                            blueprint: {
                                identifier: string;
                                title: string;
                                icon?: string;
                                description?: string;
                                schema: {
                                    /** @description the properties, by identifier */
                                    properties: {
                                        [key: string]: {
                                            /** @description the property's type */
                                            type: "string" | "number" | "boolean" | "object" | "array";
                                            title?: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description the identifiers of required properties */
                                    required: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the relations, by identifier */
                                relations: {
                                    [key: string]: {
                                        title?: string;
                                        description?: string;
                                        /** @description the identifier of the blueprint it points to */
                                        target: string;
                                        required: boolean;
                                        many: boolean;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values read through relations, by identifier */
                                mirrorProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description relation identifiers joined by dots, ending in a property */
                                        path: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values computed with jq, by identifier */
                                calculationProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description a jq expression over the entity's JSON */
                                        calculation: string;
                                        /** @description the property's type */
                                        type: "string" | "number" | "boolean" | "object" | "array";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description related entities' aggregates, by identifier */
                                aggregationProperties: {
                                    [key: string]: {
                                        title: string;
                                        /** @description the blueprint whose related entities it aggregates */
                                        target: string;
                                        /** @enum {string} */
                                        type?: "number";
                                        calculationSpec: {
                                            /** @description count, average, sum, min, max or median */
                                            func: string;
                                            calculationBy: "entities" | "property";
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description who owns the blueprint's entities */
                                ownership?: ({
                                    /** @enum {string} */
                                    type: "Direct";
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "Inherited";
                                    /** @description relation identifiers joined by dots, to a Direct blueprint */
                                    path: string;
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description where Port sends the blueprint's changes: validated and stored, nothing is sent yet */
                                changelogDestination?: {
                                    type: "WEBHOOK" | "KAFKA";
                                    /** @description the webhook: an http(s) URL */
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description changes with every write: its ETag, for If-Match */
                                version: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Replace a blueprint */
        put: {
            parameters: {
                query?: {
                    /** @description remove the scorecard rules that read a property or relation this change removes, instead of refusing it */
                    force?: boolean;
                };
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            /** @description A blueprint in Port JSON (port-model §1) */
            requestBody: {
                content: {
                    "application/json": {
                        identifier: string;
                        title: string;
                        icon?: string;
                        description?: string;
                        schema: {
                            [key: string]: unknown;
                        };
                        relations?: {
                            [key: string]: unknown;
                        };
                        mirrorProperties?: {
                            [key: string]: unknown;
                        };
                        calculationProperties?: {
                            [key: string]: unknown;
                        };
                        aggregationProperties?: {
                            [key: string]: unknown;
                        };
                        ownership?: {
                            [key: string]: unknown;
                        };
                        changelogDestination?: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The blueprint as stored; its version is also the ETag header */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description A blueprint in Port JSON (port-model §1) */
                            blueprint: {
                                identifier: string;
                                title: string;
                                icon?: string;
                                description?: string;
                                schema: {
                                    /** @description the properties, by identifier */
                                    properties: {
                                        [key: string]: {
                                            /** @description the property's type */
                                            type: "string" | "number" | "boolean" | "object" | "array";
                                            title?: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description the identifiers of required properties */
                                    required: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the relations, by identifier */
                                relations: {
                                    [key: string]: {
                                        title?: string;
                                        description?: string;
                                        /** @description the identifier of the blueprint it points to */
                                        target: string;
                                        required: boolean;
                                        many: boolean;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values read through relations, by identifier */
                                mirrorProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description relation identifiers joined by dots, ending in a property */
                                        path: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values computed with jq, by identifier */
                                calculationProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description a jq expression over the entity's JSON */
                                        calculation: string;
                                        /** @description the property's type */
                                        type: "string" | "number" | "boolean" | "object" | "array";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description related entities' aggregates, by identifier */
                                aggregationProperties: {
                                    [key: string]: {
                                        title: string;
                                        /** @description the blueprint whose related entities it aggregates */
                                        target: string;
                                        /** @enum {string} */
                                        type?: "number";
                                        calculationSpec: {
                                            /** @description count, average, sum, min, max or median */
                                            func: string;
                                            calculationBy: "entities" | "property";
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description who owns the blueprint's entities */
                                ownership?: ({
                                    /** @enum {string} */
                                    type: "Direct";
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "Inherited";
                                    /** @description relation identifiers joined by dots, to a Direct blueprint */
                                    path: string;
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description where Port sends the blueprint's changes: validated and stored, nothing is sent yet */
                                changelogDestination?: {
                                    type: "WEBHOOK" | "KAFKA";
                                    /** @description the webhook: an http(s) URL */
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description changes with every write: its ETag, for If-Match */
                                version: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a blueprint */
        delete: {
            parameters: {
                query?: {
                    /** @description also delete the blueprint's entities (refused otherwise when it has any) */
                    delete_entities?: boolean;
                    /** @description also delete the actions on the blueprint (trigger.blueprintIdentifier) and the automations on its entities (trigger.event.blueprintIdentifier); refused otherwise when it has any */
                    delete_actions?: boolean;
                };
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted (with its entities and actions when asked) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change some keys of a blueprint */
        patch: {
            parameters: {
                query?: {
                    /** @description remove the scorecard rules that read a property or relation this change removes, instead of refusing it */
                    force?: boolean;
                };
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            /** @description A blueprint in Port JSON (port-model §1) */
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: string;
                        title?: string;
                        icon?: string;
                        description?: string;
                        schema?: {
                            [key: string]: unknown;
                        };
                        relations?: {
                            [key: string]: unknown;
                        };
                        mirrorProperties?: {
                            [key: string]: unknown;
                        };
                        calculationProperties?: {
                            [key: string]: unknown;
                        };
                        aggregationProperties?: {
                            [key: string]: unknown;
                        };
                        ownership?: {
                            [key: string]: unknown;
                        };
                        changelogDestination?: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The blueprint as stored; its version is also the ETag header */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description A blueprint in Port JSON (port-model §1) */
                            blueprint: {
                                identifier: string;
                                title: string;
                                icon?: string;
                                description?: string;
                                schema: {
                                    /** @description the properties, by identifier */
                                    properties: {
                                        [key: string]: {
                                            /** @description the property's type */
                                            type: "string" | "number" | "boolean" | "object" | "array";
                                            title?: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description the identifiers of required properties */
                                    required: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the relations, by identifier */
                                relations: {
                                    [key: string]: {
                                        title?: string;
                                        description?: string;
                                        /** @description the identifier of the blueprint it points to */
                                        target: string;
                                        required: boolean;
                                        many: boolean;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values read through relations, by identifier */
                                mirrorProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description relation identifiers joined by dots, ending in a property */
                                        path: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values computed with jq, by identifier */
                                calculationProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description a jq expression over the entity's JSON */
                                        calculation: string;
                                        /** @description the property's type */
                                        type: "string" | "number" | "boolean" | "object" | "array";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description related entities' aggregates, by identifier */
                                aggregationProperties: {
                                    [key: string]: {
                                        title: string;
                                        /** @description the blueprint whose related entities it aggregates */
                                        target: string;
                                        /** @enum {string} */
                                        type?: "number";
                                        calculationSpec: {
                                            /** @description count, average, sum, min, max or median */
                                            func: string;
                                            calculationBy: "entities" | "property";
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description who owns the blueprint's entities */
                                ownership?: ({
                                    /** @enum {string} */
                                    type: "Direct";
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "Inherited";
                                    /** @description relation identifiers joined by dots, to a Direct blueprint */
                                    path: string;
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description where Port sends the blueprint's changes: validated and stored, nothing is sent yet */
                                changelogDestination?: {
                                    type: "WEBHOOK" | "KAFKA";
                                    /** @description the webhook: an http(s) URL */
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description changes with every write: its ETag, for If-Match */
                                version: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/blueprints/{identifier}/properties/{key}/change-type": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change a property's type (or any of its schema), converting every entity's value with jq */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        schema: {
                            [key: string]: unknown;
                        };
                        /** @description jq over the old value; its first output is the new value (null: none) */
                        conversion: string;
                        /** @description report which entities would fail; write nothing */
                        dryRun?: boolean;
                    };
                };
            };
            responses: {
                /** @description What the conversion did (with dryRun, would do); when any entity fails, 422 conversion_failed with this report in details */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            dryRun: boolean;
                            /** @description entities whose value the conversion changes */
                            converted: number;
                            /** @description entities whose converted value the new schema refuses */
                            failedCount: number;
                            /** @description the first of them (at most 20) */
                            failed: ({
                                identifier: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description the blueprint as written (not in a dry run) */
                            blueprint?: {
                                identifier: string;
                                title: string;
                                icon?: string;
                                description?: string;
                                schema: {
                                    /** @description the properties, by identifier */
                                    properties: {
                                        [key: string]: {
                                            /** @description the property's type */
                                            type: "string" | "number" | "boolean" | "object" | "array";
                                            title?: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description the identifiers of required properties */
                                    required: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the relations, by identifier */
                                relations: {
                                    [key: string]: {
                                        title?: string;
                                        description?: string;
                                        /** @description the identifier of the blueprint it points to */
                                        target: string;
                                        required: boolean;
                                        many: boolean;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values read through relations, by identifier */
                                mirrorProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description relation identifiers joined by dots, ending in a property */
                                        path: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values computed with jq, by identifier */
                                calculationProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description a jq expression over the entity's JSON */
                                        calculation: string;
                                        /** @description the property's type */
                                        type: "string" | "number" | "boolean" | "object" | "array";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description related entities' aggregates, by identifier */
                                aggregationProperties: {
                                    [key: string]: {
                                        title: string;
                                        /** @description the blueprint whose related entities it aggregates */
                                        target: string;
                                        /** @enum {string} */
                                        type?: "number";
                                        calculationSpec: {
                                            /** @description count, average, sum, min, max or median */
                                            func: string;
                                            calculationBy: "entities" | "property";
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description who owns the blueprint's entities */
                                ownership?: ({
                                    /** @enum {string} */
                                    type: "Direct";
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "Inherited";
                                    /** @description relation identifiers joined by dots, to a Direct blueprint */
                                    path: string;
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description where Port sends the blueprint's changes: validated and stored, nothing is sent yet */
                                changelogDestination?: {
                                    type: "WEBHOOK" | "KAFKA";
                                    /** @description the webhook: an http(s) URL */
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description changes with every write: its ETag, for If-Match */
                                version: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{identifier}/properties/{key}/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a property, moving the data of every entity with it */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    identifier: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        newPropertyName: string;
                    };
                };
            };
            responses: {
                /** @description The blueprint as stored; its version is also the ETag header */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description A blueprint in Port JSON (port-model §1) */
                            blueprint: {
                                identifier: string;
                                title: string;
                                icon?: string;
                                description?: string;
                                schema: {
                                    /** @description the properties, by identifier */
                                    properties: {
                                        [key: string]: {
                                            /** @description the property's type */
                                            type: "string" | "number" | "boolean" | "object" | "array";
                                            title?: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description the identifiers of required properties */
                                    required: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the relations, by identifier */
                                relations: {
                                    [key: string]: {
                                        title?: string;
                                        description?: string;
                                        /** @description the identifier of the blueprint it points to */
                                        target: string;
                                        required: boolean;
                                        many: boolean;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values read through relations, by identifier */
                                mirrorProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description relation identifiers joined by dots, ending in a property */
                                        path: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values computed with jq, by identifier */
                                calculationProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description a jq expression over the entity's JSON */
                                        calculation: string;
                                        /** @description the property's type */
                                        type: "string" | "number" | "boolean" | "object" | "array";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description related entities' aggregates, by identifier */
                                aggregationProperties: {
                                    [key: string]: {
                                        title: string;
                                        /** @description the blueprint whose related entities it aggregates */
                                        target: string;
                                        /** @enum {string} */
                                        type?: "number";
                                        calculationSpec: {
                                            /** @description count, average, sum, min, max or median */
                                            func: string;
                                            calculationBy: "entities" | "property";
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description who owns the blueprint's entities */
                                ownership?: ({
                                    /** @enum {string} */
                                    type: "Direct";
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "Inherited";
                                    /** @description relation identifiers joined by dots, to a Direct blueprint */
                                    path: string;
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description where Port sends the blueprint's changes: validated and stored, nothing is sent yet */
                                changelogDestination?: {
                                    type: "WEBHOOK" | "KAFKA";
                                    /** @description the webhook: an http(s) URL */
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description changes with every write: its ETag, for If-Match */
                                version: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/blueprints/{identifier}/mirror/{key}/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a mirror, moving the data of every entity with it */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    identifier: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        newMirrorName: string;
                    };
                };
            };
            responses: {
                /** @description The blueprint as stored; its version is also the ETag header */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description A blueprint in Port JSON (port-model §1) */
                            blueprint: {
                                identifier: string;
                                title: string;
                                icon?: string;
                                description?: string;
                                schema: {
                                    /** @description the properties, by identifier */
                                    properties: {
                                        [key: string]: {
                                            /** @description the property's type */
                                            type: "string" | "number" | "boolean" | "object" | "array";
                                            title?: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description the identifiers of required properties */
                                    required: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the relations, by identifier */
                                relations: {
                                    [key: string]: {
                                        title?: string;
                                        description?: string;
                                        /** @description the identifier of the blueprint it points to */
                                        target: string;
                                        required: boolean;
                                        many: boolean;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values read through relations, by identifier */
                                mirrorProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description relation identifiers joined by dots, ending in a property */
                                        path: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values computed with jq, by identifier */
                                calculationProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description a jq expression over the entity's JSON */
                                        calculation: string;
                                        /** @description the property's type */
                                        type: "string" | "number" | "boolean" | "object" | "array";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description related entities' aggregates, by identifier */
                                aggregationProperties: {
                                    [key: string]: {
                                        title: string;
                                        /** @description the blueprint whose related entities it aggregates */
                                        target: string;
                                        /** @enum {string} */
                                        type?: "number";
                                        calculationSpec: {
                                            /** @description count, average, sum, min, max or median */
                                            func: string;
                                            calculationBy: "entities" | "property";
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description who owns the blueprint's entities */
                                ownership?: ({
                                    /** @enum {string} */
                                    type: "Direct";
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "Inherited";
                                    /** @description relation identifiers joined by dots, to a Direct blueprint */
                                    path: string;
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description where Port sends the blueprint's changes: validated and stored, nothing is sent yet */
                                changelogDestination?: {
                                    type: "WEBHOOK" | "KAFKA";
                                    /** @description the webhook: an http(s) URL */
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description changes with every write: its ETag, for If-Match */
                                version: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/blueprints/{identifier}/relations/{key}/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a relation, moving the data of every entity with it */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    identifier: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        newRelationIdentifier: string;
                    };
                };
            };
            responses: {
                /** @description The blueprint as stored; its version is also the ETag header */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description A blueprint in Port JSON (port-model §1) */
                            blueprint: {
                                identifier: string;
                                title: string;
                                icon?: string;
                                description?: string;
                                schema: {
                                    /** @description the properties, by identifier */
                                    properties: {
                                        [key: string]: {
                                            /** @description the property's type */
                                            type: "string" | "number" | "boolean" | "object" | "array";
                                            title?: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description the identifiers of required properties */
                                    required: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the relations, by identifier */
                                relations: {
                                    [key: string]: {
                                        title?: string;
                                        description?: string;
                                        /** @description the identifier of the blueprint it points to */
                                        target: string;
                                        required: boolean;
                                        many: boolean;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values read through relations, by identifier */
                                mirrorProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description relation identifiers joined by dots, ending in a property */
                                        path: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description values computed with jq, by identifier */
                                calculationProperties: {
                                    [key: string]: {
                                        title?: string;
                                        /** @description a jq expression over the entity's JSON */
                                        calculation: string;
                                        /** @description the property's type */
                                        type: "string" | "number" | "boolean" | "object" | "array";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description related entities' aggregates, by identifier */
                                aggregationProperties: {
                                    [key: string]: {
                                        title: string;
                                        /** @description the blueprint whose related entities it aggregates */
                                        target: string;
                                        /** @enum {string} */
                                        type?: "number";
                                        calculationSpec: {
                                            /** @description count, average, sum, min, max or median */
                                            func: string;
                                            calculationBy: "entities" | "property";
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description who owns the blueprint's entities */
                                ownership?: ({
                                    /** @enum {string} */
                                    type: "Direct";
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "Inherited";
                                    /** @description relation identifiers joined by dots, to a Direct blueprint */
                                    path: string;
                                    title?: string;
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description where Port sends the blueprint's changes: validated and stored, nothing is sent yet */
                                changelogDestination?: {
                                    type: "WEBHOOK" | "KAFKA";
                                    /** @description the webhook: an http(s) URL */
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description changes with every write: its ETag, for If-Match */
                                version: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/blueprints/{blueprint_identifier}/entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a blueprint's entities: all of them, as Port does, or with `limit` one page at a time */
        get: {
            parameters: {
                query?: {
                    /** @description properties, relations or $meta to return */
                    include?: string[];
                    /** @description properties, relations or $meta to leave out */
                    exclude?: string[];
                    /** @description one page of at most this many, and the `next` cursor (without it: every entity) */
                    limit?: number;
                    from?: string;
                    exclude_calculated_properties?: boolean;
                    attach_title_to_relation?: boolean;
                    /** @description a date-time: the entities as they were then */
                    as_of?: string;
                };
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            entities: ({
                                identifier?: string;
                                title?: string | null;
                                icon?: string | null;
                                blueprint?: string;
                                /** @description the owning teams */
                                team?: string[];
                                /** @description stored values, and mirror, calculation and aggregation values */
                                properties?: {
                                    [key: string]: unknown;
                                };
                                /** @description relation -> target identifier (one), identifiers (many) or null; {identifier, title} with attach_title_to_relation */
                                relations?: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt?: string;
                                createdBy?: string;
                                /** Format: date-time */
                                updatedAt?: string;
                                updatedBy?: string;
                                /** @description changes with every write; send it back in If-Match */
                                version?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description the cursor of the next page (send it as `from`) */
                            next?: string;
                            matchingBlueprints?: string[];
                            failedBlueprints?: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create or upsert an entity */
        post: {
            parameters: {
                query?: {
                    ocean_info_event_type?: string;
                    ocean_info_resync_id?: string;
                    /** @description create the entity, or replace it when it exists */
                    upsert?: boolean;
                    /** @description with upsert: update only the given fields */
                    merge?: boolean;
                    /** @description create missing relation targets as empty entities */
                    create_missing_related_entities?: boolean;
                    /** @description check the request without writing */
                    validation_only?: boolean;
                    /** @description refuse properties the blueprint does not declare, and a team on an entity that inherits its owners (without it they are left out and named in additionalData.droppedProperties and additionalData.ignoredTeam) */
                    strict?: boolean;
                    run_id?: string;
                };
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            /** @description An entity in Port JSON (port-model §2) */
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: unknown;
                        title?: string | null;
                        icon?: string | null;
                        team?: unknown;
                        blueprint?: string;
                        properties?: {
                            [key: string]: unknown;
                        };
                        relations?: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description An entity (port-model §2) */
                            entity: {
                                identifier?: string;
                                title?: string | null;
                                icon?: string | null;
                                blueprint?: string;
                                /** @description the owning teams */
                                team?: string[];
                                /** @description stored values, and mirror, calculation and aggregation values */
                                properties?: {
                                    [key: string]: unknown;
                                };
                                /** @description relation -> target identifier (one), identifiers (many) or null; {identifier, title} with attach_title_to_relation */
                                relations?: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt?: string;
                                createdBy?: string;
                                /** Format: date-time */
                                updatedAt?: string;
                                updatedBy?: string;
                                /** @description changes with every write; send it back in If-Match */
                                version?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            /** @description what a system blueprint adds (a new secret); `droppedProperties`: the undeclared properties left out; `ignoredTeam`: `{team, reason}`, a team given to an entity that inherits its owners, left out (when it is not what the entity inherits) */
                            additionalData?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an entity */
        get: {
            parameters: {
                query?: {
                    /** @description properties, relations or $meta to return */
                    include?: string[];
                    /** @description properties, relations or $meta to leave out */
                    exclude?: string[];
                    /** @description leave out mirror, calculation and aggregation values */
                    exclude_calculated_properties?: boolean;
                    /** @description relation targets as {identifier, title} */
                    attach_title_to_relation?: boolean;
                    /** @description a date-time: the entity as it was then (its version in force at that time) */
                    as_of?: string;
                };
                header?: never;
                path: {
                    blueprint_identifier: string;
                    entity_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description An entity (port-model §2) */
                            entity: {
                                identifier?: string;
                                title?: string | null;
                                icon?: string | null;
                                blueprint?: string;
                                /** @description the owning teams */
                                team?: string[];
                                /** @description stored values, and mirror, calculation and aggregation values */
                                properties?: {
                                    [key: string]: unknown;
                                };
                                /** @description relation -> target identifier (one), identifiers (many) or null; {identifier, title} with attach_title_to_relation */
                                relations?: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt?: string;
                                createdBy?: string;
                                /** Format: date-time */
                                updatedAt?: string;
                                updatedBy?: string;
                                /** @description changes with every write; send it back in If-Match */
                                version?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Replace an entity */
        put: {
            parameters: {
                query?: {
                    ocean_info_event_type?: string;
                    ocean_info_resync_id?: string;
                    /** @description create the entity, or replace it when it exists */
                    upsert?: boolean;
                    /** @description with upsert: update only the given fields */
                    merge?: boolean;
                    /** @description create missing relation targets as empty entities */
                    create_missing_related_entities?: boolean;
                    /** @description check the request without writing */
                    validation_only?: boolean;
                    /** @description refuse properties the blueprint does not declare, and a team on an entity that inherits its owners (without it they are left out and named in additionalData.droppedProperties and additionalData.ignoredTeam) */
                    strict?: boolean;
                    run_id?: string;
                };
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    blueprint_identifier: string;
                    entity_identifier: string;
                };
                cookie?: never;
            };
            /** @description An entity in Port JSON (port-model §2) */
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: unknown;
                        title?: string | null;
                        icon?: string | null;
                        team?: unknown;
                        blueprint?: string;
                        properties?: {
                            [key: string]: unknown;
                        };
                        relations?: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description An entity (port-model §2) */
                            entity: {
                                identifier?: string;
                                title?: string | null;
                                icon?: string | null;
                                blueprint?: string;
                                /** @description the owning teams */
                                team?: string[];
                                /** @description stored values, and mirror, calculation and aggregation values */
                                properties?: {
                                    [key: string]: unknown;
                                };
                                /** @description relation -> target identifier (one), identifiers (many) or null; {identifier, title} with attach_title_to_relation */
                                relations?: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt?: string;
                                createdBy?: string;
                                /** Format: date-time */
                                updatedAt?: string;
                                updatedBy?: string;
                                /** @description changes with every write; send it back in If-Match */
                                version?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            /** @description what a system blueprint adds (a new secret); `droppedProperties`: the undeclared properties left out; `ignoredTeam`: `{team, reason}`, a team given to an entity that inherits its owners, left out (when it is not what the entity inherits) */
                            additionalData?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete an entity */
        delete: {
            parameters: {
                query?: {
                    /** @description also delete entities that require this one */
                    delete_dependents?: boolean;
                    run_id?: string;
                    ocean_info_event_type?: string;
                    ocean_info_resync_id?: string;
                };
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    blueprint_identifier: string;
                    entity_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change some fields of an entity (or rename it) */
        patch: {
            parameters: {
                query?: {
                    ocean_info_event_type?: string;
                    ocean_info_resync_id?: string;
                    /** @description create the entity, or replace it when it exists */
                    upsert?: boolean;
                    /** @description with upsert: update only the given fields */
                    merge?: boolean;
                    /** @description create missing relation targets as empty entities */
                    create_missing_related_entities?: boolean;
                    /** @description check the request without writing */
                    validation_only?: boolean;
                    /** @description refuse properties the blueprint does not declare, and a team on an entity that inherits its owners (without it they are left out and named in additionalData.droppedProperties and additionalData.ignoredTeam) */
                    strict?: boolean;
                    run_id?: string;
                };
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    blueprint_identifier: string;
                    entity_identifier: string;
                };
                cookie?: never;
            };
            /** @description An entity in Port JSON (port-model §2) */
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: unknown;
                        title?: string | null;
                        icon?: string | null;
                        team?: unknown;
                        blueprint?: string;
                        properties?: {
                            [key: string]: unknown;
                        };
                        relations?: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description An entity (port-model §2) */
                            entity: {
                                identifier?: string;
                                title?: string | null;
                                icon?: string | null;
                                blueprint?: string;
                                /** @description the owning teams */
                                team?: string[];
                                /** @description stored values, and mirror, calculation and aggregation values */
                                properties?: {
                                    [key: string]: unknown;
                                };
                                /** @description relation -> target identifier (one), identifiers (many) or null; {identifier, title} with attach_title_to_relation */
                                relations?: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt?: string;
                                createdBy?: string;
                                /** Format: date-time */
                                updatedAt?: string;
                                updatedBy?: string;
                                /** @description changes with every write; send it back in If-Match */
                                version?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            /** @description what a system blueprint adds (a new secret); `droppedProperties`: the undeclared properties left out; `ignoredTeam`: `{team, reason}`, a team given to an entity that inherits its owners, left out (when it is not what the entity inherits) */
                            additionalData?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/blueprints/{blueprint_identifier}/entities/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or upsert up to 5000 entities; 207 when some fail */
        post: {
            parameters: {
                query?: {
                    ocean_info_event_type?: string;
                    ocean_info_resync_id?: string;
                    /** @description create the entity, or replace it when it exists */
                    upsert?: boolean;
                    /** @description with upsert: update only the given fields */
                    merge?: boolean;
                    /** @description create missing relation targets as empty entities */
                    create_missing_related_entities?: boolean;
                    /** @description check the request without writing */
                    validation_only?: boolean;
                    /** @description refuse properties the blueprint does not declare, and a team on an entity that inherits its owners (without it they are left out and named in additionalData.droppedProperties and additionalData.ignoredTeam) */
                    strict?: boolean;
                    run_id?: string;
                };
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        entities: unknown[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false when any item failed (then the status is 207) */
                            ok: boolean;
                            entities: ({
                                identifier: string;
                                index: number;
                                created: boolean;
                                additionalData: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            errors: ({
                                index: number;
                                identifier: string;
                                statusCode: number;
                                error: string;
                                message: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                207: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false when any item failed (then the status is 207) */
                            ok: boolean;
                            entities: ({
                                identifier: string;
                                index: number;
                                created: boolean;
                                additionalData: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            errors: ({
                                index: number;
                                identifier: string;
                                statusCode: number;
                                error: string;
                                message: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/entities-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Count the entities of a blueprint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            count: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/bulk/entities/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete up to 5000 entities, all or none */
        post: {
            parameters: {
                query?: {
                    /** @description also delete entities that require these */
                    delete_dependents?: boolean;
                    run_id?: string;
                    ocean_info_event_type?: string;
                    ocean_info_resync_id?: string;
                };
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        entities: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description dependents included */
                            deletedEntities: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/all-entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete every entity of a blueprint (and the blueprint with delete_blueprint=true) */
        delete: {
            parameters: {
                query?: {
                    /** @description then delete the blueprint too */
                    delete_blueprint?: boolean;
                    run_id?: string;
                };
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An entity's versions, newest first: who changed what, and when */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description the `next` of the previous page: versions older than it */
                    from?: number;
                };
                header?: never;
                path: {
                    blueprint_identifier: string;
                    entity_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            versions: ({
                                version: number;
                                /** Format: date-time */
                                at: string;
                                /** @description who made it: a user, a client, or portico (computed values) */
                                actor: string;
                                action: "CREATE" | "UPDATE" | "DELETE";
                                changes: ({
                                    path: string;
                                    before: unknown;
                                    after: unknown;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                entity: ({
                                    identifier?: string;
                                    title?: string | null;
                                    icon?: string | null;
                                    blueprint?: string;
                                    /** @description the owning teams */
                                    team?: string[];
                                    /** @description stored values, and mirror, calculation and aggregation values */
                                    properties?: {
                                        [key: string]: unknown;
                                    };
                                    /** @description relation -> target identifier (one), identifiers (many) or null; {identifier, title} with attach_title_to_relation */
                                    relations?: {
                                        [key: string]: unknown;
                                    };
                                    /** Format: date-time */
                                    createdAt?: string;
                                    createdBy?: string;
                                    /** Format: date-time */
                                    updatedAt?: string;
                                    updatedBy?: string;
                                    /** @description changes with every write; send it back in If-Match */
                                    version?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description send it as `from` for older versions */
                            next?: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/entities/properties-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fetch the history of an entity's properties */
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
                        entityIdentifier: string;
                        blueprintIdentifier: string;
                        propertyNames: string[];
                        timeInterval?: "hour" | "day" | "isoWeek" | "month" | "quarter";
                        timeRange?: {
                            preset?: string;
                            timeZone?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            result: {
                                /** @description the range, in ms since 1970 */
                                minDate: number;
                                maxDate: number;
                                /** @description the first property's value at the end of each interval */
                                data: (number | null)[];
                                /** @description each interval's start */
                                intervals: number[];
                                series: {
                                    [key: string]: (number | null)[];
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/entities/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Search a blueprint's entities, one page at a time */
        post: {
            parameters: {
                query?: {
                    /** @description leave out mirror, calculation and aggregation values */
                    exclude_calculated_properties?: boolean;
                    /** @description relation targets as {identifier, title} */
                    attach_title_to_relation?: boolean;
                    /** @description a date-time: search the catalog as it was then */
                    as_of?: string;
                };
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Port search query: nested combinators and rules (port-model §4) */
                        query?: {
                            combinator: "and" | "or";
                            rules: {
                                [key: string]: unknown;
                            }[];
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description properties, relations or $meta to return */
                        include?: string[];
                        /** @description properties, relations or $meta to leave out */
                        exclude?: string[];
                        sort?: {
                            property: string;
                            order?: "ASC" | "DESC";
                        } | {
                            /** @description by the level reached under this scorecard */
                            scorecard: string;
                            order?: "ASC" | "DESC";
                        };
                        /** @default 200 */
                        limit?: number;
                        /** @description the `next` cursor of the previous page */
                        from?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            entities: ({
                                identifier?: string;
                                title?: string | null;
                                icon?: string | null;
                                blueprint?: string;
                                /** @description the owning teams */
                                team?: string[];
                                /** @description stored values, and mirror, calculation and aggregation values */
                                properties?: {
                                    [key: string]: unknown;
                                };
                                /** @description relation -> target identifier (one), identifiers (many) or null; {identifier, title} with attach_title_to_relation */
                                relations?: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt?: string;
                                createdBy?: string;
                                /** Format: date-time */
                                updatedAt?: string;
                                updatedBy?: string;
                                /** @description changes with every write; send it back in If-Match */
                                version?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description the cursor of the next page (send it as `from`) */
                            next?: string;
                            matchingBlueprints?: string[];
                            failedBlueprints?: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/entities/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Search entities across blueprints */
        post: {
            parameters: {
                query?: {
                    /** @description leave out mirror, calculation and aggregation values */
                    exclude_calculated_properties?: boolean;
                    /** @description relation targets as {identifier, title} */
                    attach_title_to_relation?: boolean;
                    /** @description a date-time: search the catalog as it was then */
                    as_of?: string;
                    /** @description properties, relations or $meta to return */
                    include?: string[];
                    /** @description properties, relations or $meta to leave out */
                    exclude?: string[];
                    /** @description accepted; Portico answers mirror values as they are */
                    attach_identifier_to_title_mirror_properties?: boolean;
                    /** @description accepted; no blueprint of a Portico search fails alone */
                    allow_partial_results?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        combinator?: "and" | "or";
                        rules?: {
                            [key: string]: unknown;
                        }[];
                        /** @description Port search query: nested combinators and rules (port-model §4) */
                        query?: {
                            combinator: "and" | "or";
                            rules: {
                                [key: string]: unknown;
                            }[];
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description properties, relations or $meta to return */
                        include?: string[];
                        /** @description properties, relations or $meta to leave out */
                        exclude?: string[];
                        sort?: {
                            property: string;
                            order?: "ASC" | "DESC";
                        } | {
                            /** @description by the level reached under this scorecard */
                            scorecard: string;
                            order?: "ASC" | "DESC";
                        };
                        /** @description one page of at most this many, and the `next` cursor (without it: every entity) */
                        limit?: number;
                        /** @description the `next` cursor of the previous page */
                        from?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            entities: ({
                                identifier?: string;
                                title?: string | null;
                                icon?: string | null;
                                blueprint?: string;
                                /** @description the owning teams */
                                team?: string[];
                                /** @description stored values, and mirror, calculation and aggregation values */
                                properties?: {
                                    [key: string]: unknown;
                                };
                                /** @description relation -> target identifier (one), identifiers (many) or null; {identifier, title} with attach_title_to_relation */
                                relations?: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt?: string;
                                createdBy?: string;
                                /** Format: date-time */
                                updatedAt?: string;
                                updatedBy?: string;
                                /** @description changes with every write; send it back in If-Match */
                                version?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description the cursor of the next page (send it as `from`) */
                            next?: string;
                            matchingBlueprints?: string[];
                            failedBlueprints?: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the audit log, newest first */
        get: {
            parameters: {
                query?: {
                    identifier?: string;
                    entity?: string;
                    blueprint?: string;
                    resources?: ("blueprint" | "entity" | "run" | "webhook" | "scorecard" | "action" | "integration" | "credentials" | "secret")[] | ("blueprint" | "entity" | "run" | "webhook" | "scorecard" | "action" | "integration" | "credentials" | "secret");
                    action?: "CREATE" | "UPDATE" | "DELETE" | "TIMER_EXPIRED";
                    status?: "SUCCESS" | "FAILURE";
                    origin?: string[] | string;
                    from?: string;
                    to?: string;
                    limit?: number;
                    includes?: ("action" | "context" | "diff" | "identifier" | "resourceType" | "status" | "trigger" | "additionalData" | "message")[] | ("action" | "context" | "diff" | "identifier" | "resourceType" | "status" | "trigger" | "additionalData" | "message");
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The matching records, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            audits: ({
                                /** @description the identifier of the resource written (left out when includes is given and does not name it) */
                                identifier?: string;
                                /** @description what was done (TIMER_EXPIRED: a timer property of the entity expired) (left out when includes is given and does not name it) */
                                action?: "CREATE" | "UPDATE" | "DELETE" | "TIMER_EXPIRED";
                                /** @description the kind of resource written (left out when includes is given and does not name it) */
                                resourceType?: "blueprint" | "entity" | "credentials" | "secret" | "action" | "run" | "integration";
                                /** @description whether it succeeded (left out when includes is given and does not name it) */
                                status?: "SUCCESS" | "FAILURE";
                                /** @description who wrote it, through what, and when (left out when includes is given and does not name it) */
                                trigger?: {
                                    by: {
                                        /** @description the actor: a user email or a client id */
                                        userId: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    /** @description API, UI or SYSTEM */
                                    origin: string;
                                    /** Format: date-time */
                                    at: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the resources it concerns, e.g. {blueprint, entity} (left out when includes is given and does not name it) */
                                context?: {
                                    [key: string]: unknown;
                                };
                                /** @description the resource before and after (left out when includes is given and does not name it) */
                                diff?: {
                                    /** @description the resource before (null when created) */
                                    before: unknown;
                                    /** @description the resource after (null when deleted) */
                                    after: unknown;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description what happened, in words, where a record has one (left out when includes is given and does not name it) */
                                message?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: {
                    fields?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            users: ({
                                /** @description the user's email, also its identifier */
                                email?: string;
                                /** @description the first word of the _user entity's title */
                                firstName?: string;
                                /** @description the rest of the title; empty when it has one word */
                                lastName?: string;
                                /** @description the _user entity's picture property; empty when it has none */
                                picture?: string;
                                /**
                                 * @description Invited until a password is set; Disabled users may do nothing
                                 * @enum {string}
                                 */
                                status?: "Invited" | "Active" | "Disabled";
                                /** @description the same as email */
                                id?: string;
                                /**
                                 * @description a person (Standard) or a service account
                                 * @enum {string}
                                 */
                                type?: "Standard" | "Service Account";
                                /** @description how the user signs in: always ["portico"] */
                                providers?: string[];
                                /**
                                 * Format: date-time
                                 * @description when the _user entity was created
                                 */
                                createdAt?: string;
                                /**
                                 * Format: date-time
                                 * @description when the _user entity last changed
                                 */
                                updatedAt?: string;
                                /** @description the teams the user belongs to (its `team` field) */
                                teams?: string[];
                                /** @description the same as teams */
                                teamsIdentifiers?: string[];
                                /** @description Admin or Member, and `<blueprint>-moderator` for each blueprint it moderates */
                                roles?: ({
                                    name: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/users/invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite a user (a _user entity with status Invited) */
        post: {
            parameters: {
                query?: {
                    notify?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        invitee: {
                            email: string;
                            roles?: string[];
                            teams?: string[];
                        };
                    };
                };
            };
            responses: {
                /** @description the one-time token, shown once */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a one-time link token that sets the password; shown once */
                            invitation: {
                                /** @description the one-time token for /auth/password/reset */
                                token: string;
                                /**
                                 * Format: date-time
                                 * @description when the token stops working
                                 */
                                expiresAt: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/users/{user_email}/password-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a one-time token with which the user sets a new password (Admin; shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_email: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the one-time token, shown once */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a one-time link token that sets the password; shown once */
                            invitation: {
                                /** @description the one-time token for /auth/password/reset */
                                token: string;
                                /**
                                 * Format: date-time
                                 * @description when the token stops working
                                 */
                                expiresAt: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/users/{user_email}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_email: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a user (a _user entity) */
                            user: {
                                /** @description the user's email, also its identifier */
                                email: string;
                                /** @description the first word of the _user entity's title */
                                firstName: string;
                                /** @description the rest of the title; empty when it has one word */
                                lastName: string;
                                /** @description the _user entity's picture property; empty when it has none */
                                picture: string;
                                /**
                                 * @description Invited until a password is set; Disabled users may do nothing
                                 * @enum {string}
                                 */
                                status: "Invited" | "Active" | "Disabled";
                                /** @description the same as email */
                                id: string;
                                /**
                                 * @description a person (Standard) or a service account
                                 * @enum {string}
                                 */
                                type: "Standard" | "Service Account";
                                /** @description how the user signs in: always ["portico"] */
                                providers: string[];
                                /**
                                 * Format: date-time
                                 * @description when the _user entity was created
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description when the _user entity last changed
                                 */
                                updatedAt: string;
                                /** @description the teams the user belongs to (its `team` field) */
                                teams: string[];
                                /** @description the same as teams */
                                teamsIdentifiers: string[];
                                /** @description Admin or Member, and `<blueprint>-moderator` for each blueprint it moderates */
                                roles: ({
                                    name: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a user */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_email: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a user's roles or teams */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_email: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        roles?: string[];
                        teams?: string[];
                    };
                };
            };
            responses: {
                /** @description the user as changed, its fields beside ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description the user's email, also its identifier */
                            email: string;
                            /** @description the first word of the _user entity's title */
                            firstName: string;
                            /** @description the rest of the title; empty when it has one word */
                            lastName: string;
                            /** @description the _user entity's picture property; empty when it has none */
                            picture: string;
                            /**
                             * @description Invited until a password is set; Disabled users may do nothing
                             * @enum {string}
                             */
                            status: "Invited" | "Active" | "Disabled";
                            /** @description the same as email */
                            id: string;
                            /**
                             * @description a person (Standard) or a service account
                             * @enum {string}
                             */
                            type: "Standard" | "Service Account";
                            /** @description how the user signs in: always ["portico"] */
                            providers: string[];
                            /**
                             * Format: date-time
                             * @description when the _user entity was created
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description when the _user entity last changed
                             */
                            updatedAt: string;
                            /** @description the teams the user belongs to (its `team` field) */
                            teams: string[];
                            /** @description the same as teams */
                            teamsIdentifiers: string[];
                            /** @description Admin or Member, and `<blueprint>-moderator` for each blueprint it moderates */
                            roles: ({
                                name: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List teams with their members */
        get: {
            parameters: {
                query?: {
                    fields?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the teams with their members */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            teams: ({
                                /** @description the team's name */
                                id?: string;
                                /** @description the identifier of its _team entity */
                                name?: string;
                                /** @description empty when it has none */
                                description?: string;
                                /** @description the single sign-on provider that manages the team, or "portico" */
                                provider?: string;
                                /**
                                 * Format: date-time
                                 * @description when the _team entity was created
                                 */
                                createdAt?: string;
                                /**
                                 * Format: date-time
                                 * @description when the _team entity last changed
                                 */
                                updatedAt?: string;
                                /** @description the team's members */
                                users?: ({
                                    /** @description the user's email, also its identifier */
                                    email?: string;
                                    /** @description the first word of the _user entity's title */
                                    firstName?: string;
                                    /** @description the rest of the title; empty when it has one word */
                                    lastName?: string;
                                    /** @description the _user entity's picture property; empty when it has none */
                                    picture?: string;
                                    /**
                                     * @description Invited until a password is set; Disabled users may do nothing
                                     * @enum {string}
                                     */
                                    status?: "Invited" | "Active" | "Disabled";
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a team (a _team entity) */
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
                        name: string;
                        description?: string;
                        users?: (string | ({
                            email: string;
                        } & {
                            [key: string]: unknown;
                        }))[];
                        /** @description ignored (GET answers it) */
                        id?: unknown;
                        /** @description ignored (GET answers it) */
                        provider?: unknown;
                        /** @description ignored (GET answers it) */
                        createdAt?: unknown;
                        /** @description ignored (GET answers it) */
                        updatedAt?: unknown;
                    };
                };
            };
            responses: {
                /** @description the team as it now is */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a team (a _team entity) with its members */
                            team: {
                                /** @description the team's name */
                                id: string;
                                /** @description the identifier of its _team entity */
                                name: string;
                                /** @description empty when it has none */
                                description: string;
                                /** @description the single sign-on provider that manages the team, or "portico" */
                                provider: string;
                                /**
                                 * Format: date-time
                                 * @description when the _team entity was created
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description when the _team entity last changed
                                 */
                                updatedAt: string;
                                /** @description the team's members */
                                users: ({
                                    /** @description the user's email, also its identifier */
                                    email: string;
                                    /** @description the first word of the _user entity's title */
                                    firstName: string;
                                    /** @description the rest of the title; empty when it has one word */
                                    lastName: string;
                                    /** @description the _user entity's picture property; empty when it has none */
                                    picture: string;
                                    /**
                                     * @description Invited until a password is set; Disabled users may do nothing
                                     * @enum {string}
                                     */
                                    status: "Invited" | "Active" | "Disabled";
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/teams/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a team */
        get: {
            parameters: {
                query?: {
                    fields?: string | string[];
                };
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the team with its members */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a team with its members (with `fields`, only the fields named) */
                            team: {
                                /** @description the team's name */
                                id?: string;
                                /** @description the identifier of its _team entity */
                                name?: string;
                                /** @description empty when it has none */
                                description?: string;
                                /** @description the single sign-on provider that manages the team, or "portico" */
                                provider?: string;
                                /**
                                 * Format: date-time
                                 * @description when the _team entity was created
                                 */
                                createdAt?: string;
                                /**
                                 * Format: date-time
                                 * @description when the _team entity last changed
                                 */
                                updatedAt?: string;
                                /** @description the team's members */
                                users?: ({
                                    /** @description the user's email, also its identifier */
                                    email?: string;
                                    /** @description the first word of the _user entity's title */
                                    firstName?: string;
                                    /** @description the rest of the title; empty when it has one word */
                                    lastName?: string;
                                    /** @description the _user entity's picture property; empty when it has none */
                                    picture?: string;
                                    /**
                                     * @description Invited until a password is set; Disabled users may do nothing
                                     * @enum {string}
                                     */
                                    status?: "Invited" | "Active" | "Disabled";
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Replace a team (name, description, members) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        description?: string | null;
                        users?: (string | ({
                            email: string;
                        } & {
                            [key: string]: unknown;
                        }))[];
                        /** @description ignored (GET answers it) */
                        id?: unknown;
                        /** @description ignored (GET answers it) */
                        provider?: unknown;
                        /** @description ignored (GET answers it) */
                        createdAt?: unknown;
                        /** @description ignored (GET answers it) */
                        updatedAt?: unknown;
                    };
                };
            };
            responses: {
                /** @description the team as it now is */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a team (a _team entity) with its members */
                            team: {
                                /** @description the team's name */
                                id: string;
                                /** @description the identifier of its _team entity */
                                name: string;
                                /** @description empty when it has none */
                                description: string;
                                /** @description the single sign-on provider that manages the team, or "portico" */
                                provider: string;
                                /**
                                 * Format: date-time
                                 * @description when the _team entity was created
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description when the _team entity last changed
                                 */
                                updatedAt: string;
                                /** @description the team's members */
                                users: ({
                                    /** @description the user's email, also its identifier */
                                    email: string;
                                    /** @description the first word of the _user entity's title */
                                    firstName: string;
                                    /** @description the rest of the title; empty when it has one word */
                                    lastName: string;
                                    /** @description the _user entity's picture property; empty when it has none */
                                    picture: string;
                                    /**
                                     * @description Invited until a password is set; Disabled users may do nothing
                                     * @enum {string}
                                     */
                                    status: "Invited" | "Active" | "Disabled";
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a team */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a team (what is given) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string | null;
                        users?: (string | ({
                            email: string;
                        } & {
                            [key: string]: unknown;
                        }))[];
                        /** @description ignored (GET answers it) */
                        id?: unknown;
                        /** @description ignored (GET answers it) */
                        provider?: unknown;
                        /** @description ignored (GET answers it) */
                        createdAt?: unknown;
                        /** @description ignored (GET answers it) */
                        updatedAt?: unknown;
                    };
                };
            };
            responses: {
                /** @description the team as it now is */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a team (a _team entity) with its members */
                            team: {
                                /** @description the team's name */
                                id: string;
                                /** @description the identifier of its _team entity */
                                name: string;
                                /** @description empty when it has none */
                                description: string;
                                /** @description the single sign-on provider that manages the team, or "portico" */
                                provider: string;
                                /**
                                 * Format: date-time
                                 * @description when the _team entity was created
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description when the _team entity last changed
                                 */
                                updatedAt: string;
                                /** @description the team's members */
                                users: ({
                                    /** @description the user's email, also its identifier */
                                    email: string;
                                    /** @description the first word of the _user entity's title */
                                    firstName: string;
                                    /** @description the rest of the title; empty when it has one word */
                                    lastName: string;
                                    /** @description the _user entity's picture property; empty when it has none */
                                    picture: string;
                                    /**
                                     * @description Invited until a password is set; Disabled users may do nothing
                                     * @enum {string}
                                     */
                                    status: "Invited" | "Active" | "Disabled";
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List credentials (yours; an Admin sees all) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the credentials, without secrets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            apps: ({
                                /** @description the client id */
                                id: string;
                                name: string;
                                /** @description false once revoked */
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @description when they were created
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description when they last changed
                                 */
                                updatedAt: string;
                                user: string | null;
                                /** @description the client secret: only when created or rotated */
                                secret?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create credentials for yourself, or (Admin) for another user; the secret is shown once */
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
                        name: string;
                        user?: string;
                    };
                };
            };
            responses: {
                /** @description the credentials */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description client credentials (an app) */
                            app: {
                                /** @description the client id */
                                id: string;
                                name: string;
                                /** @description false once revoked */
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @description when they were created
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description when they last changed
                                 */
                                updatedAt: string;
                                user: string | null;
                                /** @description the client secret: only when created or rotated */
                                secret?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Rename credentials */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description the credentials */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description client credentials (an app) */
                            app: {
                                /** @description the client id */
                                id: string;
                                name: string;
                                /** @description false once revoked */
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @description when they were created
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description when they last changed
                                 */
                                updatedAt: string;
                                user: string | null;
                                /** @description the client secret: only when created or rotated */
                                secret?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Revoke credentials; their tokens stop at once */
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
                /** @description revoked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apps/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the secret; tokens of the old one stop at once */
        post: {
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
                /** @description the credentials */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description client credentials (an app) */
                            app: {
                                /** @description the client id */
                                id: string;
                                name: string;
                                /** @description false once revoked */
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @description when they were created
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description when they last changed
                                 */
                                updatedAt: string;
                                user: string | null;
                                /** @description the client secret: only when created or rotated */
                                secret?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/rotate-credentials/{user_email}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate all of a user's credentials (one is created if it has none) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_email: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the rotated credentials */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description the user's credentials, each with its new secret */
                            credentials: ({
                                clientId: string;
                                /** @description the new secret, shown once */
                                clientSecret: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a blueprint's entity permissions (Admin or its moderator) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the permissions as they now are */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a blueprint's entity permissions, every grant filled in */
                            permissions: {
                                entities: {
                                    read: {
                                        /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                        roles: string[];
                                        /** @description emails of users granted */
                                        users: string[];
                                        /** @description teams whose members are granted */
                                        teams: string[];
                                        /** @description granted to members of the entity's owning teams */
                                        ownedByTeam: boolean;
                                        /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                        policy?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    register: {
                                        /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                        roles: string[];
                                        /** @description emails of users granted */
                                        users: string[];
                                        /** @description teams whose members are granted */
                                        teams: string[];
                                        /** @description granted to members of the entity's owning teams */
                                        ownedByTeam: boolean;
                                        /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                        policy?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    update: {
                                        /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                        roles: string[];
                                        /** @description emails of users granted */
                                        users: string[];
                                        /** @description teams whose members are granted */
                                        teams: string[];
                                        /** @description granted to members of the entity's owning teams */
                                        ownedByTeam: boolean;
                                        /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                        policy?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    unregister: {
                                        /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                        roles: string[];
                                        /** @description emails of users granted */
                                        users: string[];
                                        /** @description teams whose members are granted */
                                        teams: string[];
                                        /** @description granted to members of the entity's owning teams */
                                        ownedByTeam: boolean;
                                        /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                        policy?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    /** @description a grant per property or relation, by its key */
                                    updateProperties: {
                                        [key: string]: {
                                            /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                            roles: string[];
                                            /** @description emails of users granted */
                                            users: string[];
                                            /** @description teams whose members are granted */
                                            teams: string[];
                                            /** @description granted to members of the entity's owning teams */
                                            ownedByTeam: boolean;
                                            /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                            policy?: unknown;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description a grant per property or relation, by its key */
                                    updateRelations: {
                                        [key: string]: {
                                            /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                            roles: string[];
                                            /** @description emails of users granted */
                                            users: string[];
                                            /** @description teams whose members are granted */
                                            teams: string[];
                                            /** @description granted to members of the entity's owning teams */
                                            ownedByTeam: boolean;
                                            /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                            policy?: unknown;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
        /** Change a blueprint's entity permissions; each field given replaces that field */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        entities: {
                            read?: {
                                users?: string[];
                                teams?: string[];
                                roles?: string[];
                                ownedByTeam?: boolean;
                                policy?: {
                                    [key: string]: unknown;
                                };
                            };
                            register?: {
                                users?: string[];
                                teams?: string[];
                                roles?: string[];
                                ownedByTeam?: boolean;
                            };
                            update?: {
                                users?: string[];
                                teams?: string[];
                                roles?: string[];
                                ownedByTeam?: boolean;
                            };
                            unregister?: {
                                users?: string[];
                                teams?: string[];
                                roles?: string[];
                                ownedByTeam?: boolean;
                            };
                            updateProperties?: {
                                [key: string]: {
                                    users?: string[];
                                    teams?: string[];
                                    roles?: string[];
                                    ownedByTeam?: boolean;
                                };
                            };
                            updateRelations?: {
                                [key: string]: {
                                    users?: string[];
                                    teams?: string[];
                                    roles?: string[];
                                    ownedByTeam?: boolean;
                                };
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description the permissions as they now are */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a blueprint's entity permissions, every grant filled in */
                            permissions: {
                                entities: {
                                    read: {
                                        /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                        roles: string[];
                                        /** @description emails of users granted */
                                        users: string[];
                                        /** @description teams whose members are granted */
                                        teams: string[];
                                        /** @description granted to members of the entity's owning teams */
                                        ownedByTeam: boolean;
                                        /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                        policy?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    register: {
                                        /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                        roles: string[];
                                        /** @description emails of users granted */
                                        users: string[];
                                        /** @description teams whose members are granted */
                                        teams: string[];
                                        /** @description granted to members of the entity's owning teams */
                                        ownedByTeam: boolean;
                                        /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                        policy?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    update: {
                                        /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                        roles: string[];
                                        /** @description emails of users granted */
                                        users: string[];
                                        /** @description teams whose members are granted */
                                        teams: string[];
                                        /** @description granted to members of the entity's owning teams */
                                        ownedByTeam: boolean;
                                        /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                        policy?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    unregister: {
                                        /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                        roles: string[];
                                        /** @description emails of users granted */
                                        users: string[];
                                        /** @description teams whose members are granted */
                                        teams: string[];
                                        /** @description granted to members of the entity's owning teams */
                                        ownedByTeam: boolean;
                                        /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                        policy?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    /** @description a grant per property or relation, by its key */
                                    updateProperties: {
                                        [key: string]: {
                                            /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                            roles: string[];
                                            /** @description emails of users granted */
                                            users: string[];
                                            /** @description teams whose members are granted */
                                            teams: string[];
                                            /** @description granted to members of the entity's owning teams */
                                            ownedByTeam: boolean;
                                            /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                            policy?: unknown;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description a grant per property or relation, by its key */
                                    updateRelations: {
                                        [key: string]: {
                                            /** @description roles granted, e.g. Admin, Member, `<blueprint>-moderator` */
                                            roles: string[];
                                            /** @description emails of users granted */
                                            users: string[];
                                            /** @description teams whose members are granted */
                                            teams: string[];
                                            /** @description granted to members of the entity's owning teams */
                                            ownedByTeam: boolean;
                                            /** @description Port's read policy, on read only: stored and answered, not evaluated */
                                            policy?: unknown;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hear changes to entities and blueprints as they happen
         * @description Server-sent events (text/event-stream) telling what changed in the catalog, through the API, another
         *     browser or another replica, about a second at most after it committed. One stream per browser tab; at most
         *     20 per caller (429 too_many_streams beyond). Each event's data is one line of JSON:
         *
         *     - `ready` `{}`: the stream hears changes from now on. After a reconnection, reload what is shown.
         *     - `change` `{"changes": [...]}`, each one of
         *       `{"kind": "entity", "blueprint", "identifier", "action": "created" | "updated" | "deleted"}`,
         *       `{"kind": "blueprint", "blueprint", "action": "created" | "updated" | "deleted"}` (its definition or
         *       permissions), `{"kind": "entities", "blueprint", "action": "changed"}` (many of its entities: reload them).
         *     - `reset` `{}`: changes may have been missed; reload what is shown.
         *
         *     An entity change reaches only callers who may read the entity. A comment (`: ping`) comes every 20
         *     seconds; the stream ends when the caller's session or token no longer signs it in.
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
                /** @description An endless stream of server-sent events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the caller may do with entities of a blueprint, or with one entity (for a UI to offer; every write is still checked) */
        get: {
            parameters: {
                query?: {
                    /** @description judge `ownedByTeam` grants against this entity's owning teams */
                    entity?: string;
                };
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            access: {
                                register: boolean;
                                update: boolean;
                                unregister: boolean;
                                updateProperties: string[];
                                updateRelations: string[];
                                changeBlueprint: boolean;
                                changePermissions: boolean;
                            };
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's saved table views of a blueprint and those others shared, by name */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            views: {
                                id: string;
                                blueprint: string;
                                name: string;
                                shared: boolean;
                                /** @description the actor who saved it: an email, a service account or a client id */
                                owner: string;
                                /** @description the web app's state of the table (opaque), at most 16 KiB as JSON */
                                state: {
                                    [key: string]: unknown;
                                };
                                createdAt: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Save a table view (names are unique per caller and blueprint) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @default false */
                        shared?: boolean;
                        /** @description the web app's state of the table (opaque), at most 16 KiB as JSON */
                        state: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            view: {
                                id: string;
                                blueprint: string;
                                name: string;
                                shared: boolean;
                                /** @description the actor who saved it: an email, a service account or a client id */
                                owner: string;
                                /** @description the web app's state of the table (opaque), at most 16 KiB as JSON */
                                state: {
                                    [key: string]: unknown;
                                };
                                createdAt: string;
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/views/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a table view (its owner; an Admin also a shared one) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a table view (its owner; an Admin also a shared one) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        shared?: boolean;
                        /** @description the web app's state of the table (opaque), at most 16 KiB as JSON */
                        state?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            view: {
                                id: string;
                                blueprint: string;
                                name: string;
                                shared: boolean;
                                /** @description the actor who saved it: an email, a service account or a client id */
                                owner: string;
                                /** @description the web app's state of the table (opaque), at most 16 KiB as JSON */
                                state: {
                                    [key: string]: unknown;
                                };
                                createdAt: string;
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/pages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Port's pages: none are defined in Portico */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description no pages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            pages: {
                                [key: string]: unknown;
                            }[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/sidebars/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Port's catalog sidebar: no folders or pages of Port's are defined in Portico */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an empty sidebar */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            sidebar: {
                                identifier: string;
                                items: {
                                    [key: string]: unknown;
                                }[];
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/auth/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's permissions on actions, as Port's strings (execute:actions:<id>, …) */
        get: {
            parameters: {
                query?: {
                    action_version?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what the caller may run and approve */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            permissions: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the actions and automations the caller may see */
        get: {
            parameters: {
                query?: {
                    action_identifier?: string[];
                    blueprint_identifier?: string[];
                    operation?: ("CREATE" | "DAY-2" | "DELETE")[];
                    /** @description only self-service actions, or only automations (both when absent) */
                    trigger_type?: "self-service" | "automation";
                    /** @description only automations started by these events */
                    trigger_event?: ("ENTITY_CREATED" | "ENTITY_UPDATED" | "ENTITY_DELETED" | "ANY_ENTITY_CHANGE" | "TIMER_PROPERTY_EXPIRED" | "RUN_CREATED" | "RUN_UPDATED" | "ANY_RUN_CHANGE")[];
                    /** @description automations only: true keeps the published ones (publish is not false), false the others */
                    published?: boolean;
                    version?: "v1" | "v2";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The actions, by identifier */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            actions: ({
                                identifier: string;
                                title?: string;
                                icon?: string;
                                description?: string;
                                /** @description a self-service trigger (a form people run) or an automation trigger (an event starts it) */
                                trigger: ({
                                    /** @enum {string} */
                                    type: "self-service";
                                    operation: "CREATE" | "DAY-2" | "DELETE";
                                    blueprintIdentifier?: string;
                                    /** @description the action's form */
                                    userInputs: {
                                        /** @description the form's inputs by name: JSON Schema plus Port's keys (port-model §5.2) */
                                        properties: {
                                            [key: string]: unknown;
                                        };
                                        /** @description the names of the required inputs, or a {"jqQuery": ...} giving them */
                                        required: string[] | ({
                                            jqQuery: string;
                                        } & {
                                            [key: string]: unknown;
                                        });
                                        order?: string[];
                                        steps?: ({
                                            title: string;
                                            order: string[];
                                            /** @description true or false, or a {"jqQuery": ...} computed from the form */
                                            visible?: boolean | ({
                                                jqQuery: string;
                                            } & {
                                                [key: string]: unknown;
                                            });
                                        } & {
                                            [key: string]: unknown;
                                        })[];
                                        /** @description decorative titles between inputs, by name */
                                        titles?: {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    /** @description a search query ({"type": "SEARCH", combinator, rules}) the entity must match */
                                    condition?: {
                                        [key: string]: unknown;
                                    };
                                    actionCardButtonText?: string;
                                    executeActionButtonText?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "automation";
                                    /** @description what starts the automation (port-model §6.2) */
                                    event: ({
                                        type: "ENTITY_CREATED" | "ENTITY_UPDATED" | "ENTITY_DELETED" | "ANY_ENTITY_CHANGE";
                                        blueprintIdentifier: string;
                                    } & {
                                        [key: string]: unknown;
                                    }) | ({
                                        /** @enum {string} */
                                        type: "TIMER_PROPERTY_EXPIRED";
                                        blueprintIdentifier: string;
                                        /** @description a timer property of the blueprint */
                                        propertyIdentifier: string;
                                    } & {
                                        [key: string]: unknown;
                                    }) | ({
                                        type: "RUN_CREATED" | "RUN_UPDATED" | "ANY_RUN_CHANGE";
                                        /** @description the action whose runs start it; none: every self-service action's */
                                        actionIdentifier?: string;
                                    } & {
                                        [key: string]: unknown;
                                    });
                                    /** @description jq expressions over the event, each answering a boolean, joined by the combinator */
                                    condition?: {
                                        /** @enum {string} */
                                        type: "JQ";
                                        expressions: string[];
                                        combinator: "and" | "or";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description the action's backend: a WEBHOOK's url, method, headers and body, or UPSERT_ENTITY's mapping */
                                invocationMethod: {
                                    /** @description WEBHOOK or UPSERT_ENTITY */
                                    type: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers */
                                requiredApproval: boolean | ({
                                    type: "ANY" | "ALL";
                                } & {
                                    [key: string]: unknown;
                                });
                                approvalNotification?: {
                                    type: "email" | "webhook";
                                    format?: "json" | "slack";
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                allowAnyoneToViewRuns?: boolean;
                                /** @description automations only: whether its events start it (false: disabled) */
                                publish?: boolean;
                                id: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an action */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description A self-service action (port-model §5.1) or an automation (§6.1) in Port's JSON */
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: string;
                        trigger: {
                            [key: string]: unknown;
                        };
                        invocationMethod: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The action (its ETag header holds its version) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            action: {
                                identifier: string;
                                title?: string;
                                icon?: string;
                                description?: string;
                                /** @description a self-service trigger (a form people run) or an automation trigger (an event starts it) */
                                trigger: ({
                                    /** @enum {string} */
                                    type: "self-service";
                                    operation: "CREATE" | "DAY-2" | "DELETE";
                                    blueprintIdentifier?: string;
                                    /** @description the action's form */
                                    userInputs: {
                                        /** @description the form's inputs by name: JSON Schema plus Port's keys (port-model §5.2) */
                                        properties: {
                                            [key: string]: unknown;
                                        };
                                        /** @description the names of the required inputs, or a {"jqQuery": ...} giving them */
                                        required: string[] | ({
                                            jqQuery: string;
                                        } & {
                                            [key: string]: unknown;
                                        });
                                        order?: string[];
                                        steps?: ({
                                            title: string;
                                            order: string[];
                                            /** @description true or false, or a {"jqQuery": ...} computed from the form */
                                            visible?: boolean | ({
                                                jqQuery: string;
                                            } & {
                                                [key: string]: unknown;
                                            });
                                        } & {
                                            [key: string]: unknown;
                                        })[];
                                        /** @description decorative titles between inputs, by name */
                                        titles?: {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    /** @description a search query ({"type": "SEARCH", combinator, rules}) the entity must match */
                                    condition?: {
                                        [key: string]: unknown;
                                    };
                                    actionCardButtonText?: string;
                                    executeActionButtonText?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "automation";
                                    /** @description what starts the automation (port-model §6.2) */
                                    event: ({
                                        type: "ENTITY_CREATED" | "ENTITY_UPDATED" | "ENTITY_DELETED" | "ANY_ENTITY_CHANGE";
                                        blueprintIdentifier: string;
                                    } & {
                                        [key: string]: unknown;
                                    }) | ({
                                        /** @enum {string} */
                                        type: "TIMER_PROPERTY_EXPIRED";
                                        blueprintIdentifier: string;
                                        /** @description a timer property of the blueprint */
                                        propertyIdentifier: string;
                                    } & {
                                        [key: string]: unknown;
                                    }) | ({
                                        type: "RUN_CREATED" | "RUN_UPDATED" | "ANY_RUN_CHANGE";
                                        /** @description the action whose runs start it; none: every self-service action's */
                                        actionIdentifier?: string;
                                    } & {
                                        [key: string]: unknown;
                                    });
                                    /** @description jq expressions over the event, each answering a boolean, joined by the combinator */
                                    condition?: {
                                        /** @enum {string} */
                                        type: "JQ";
                                        expressions: string[];
                                        combinator: "and" | "or";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description the action's backend: a WEBHOOK's url, method, headers and body, or UPSERT_ENTITY's mapping */
                                invocationMethod: {
                                    /** @description WEBHOOK or UPSERT_ENTITY */
                                    type: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers */
                                requiredApproval: boolean | ({
                                    type: "ANY" | "ALL";
                                } & {
                                    [key: string]: unknown;
                                });
                                approvalNotification?: {
                                    type: "email" | "webhook";
                                    format?: "json" | "slack";
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                allowAnyoneToViewRuns?: boolean;
                                /** @description automations only: whether its events start it (false: disabled) */
                                publish?: boolean;
                                id: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/actions/{action_identifier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an action */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    action_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The action (its ETag header holds its version) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            action: {
                                identifier: string;
                                title?: string;
                                icon?: string;
                                description?: string;
                                /** @description a self-service trigger (a form people run) or an automation trigger (an event starts it) */
                                trigger: ({
                                    /** @enum {string} */
                                    type: "self-service";
                                    operation: "CREATE" | "DAY-2" | "DELETE";
                                    blueprintIdentifier?: string;
                                    /** @description the action's form */
                                    userInputs: {
                                        /** @description the form's inputs by name: JSON Schema plus Port's keys (port-model §5.2) */
                                        properties: {
                                            [key: string]: unknown;
                                        };
                                        /** @description the names of the required inputs, or a {"jqQuery": ...} giving them */
                                        required: string[] | ({
                                            jqQuery: string;
                                        } & {
                                            [key: string]: unknown;
                                        });
                                        order?: string[];
                                        steps?: ({
                                            title: string;
                                            order: string[];
                                            /** @description true or false, or a {"jqQuery": ...} computed from the form */
                                            visible?: boolean | ({
                                                jqQuery: string;
                                            } & {
                                                [key: string]: unknown;
                                            });
                                        } & {
                                            [key: string]: unknown;
                                        })[];
                                        /** @description decorative titles between inputs, by name */
                                        titles?: {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    /** @description a search query ({"type": "SEARCH", combinator, rules}) the entity must match */
                                    condition?: {
                                        [key: string]: unknown;
                                    };
                                    actionCardButtonText?: string;
                                    executeActionButtonText?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "automation";
                                    /** @description what starts the automation (port-model §6.2) */
                                    event: ({
                                        type: "ENTITY_CREATED" | "ENTITY_UPDATED" | "ENTITY_DELETED" | "ANY_ENTITY_CHANGE";
                                        blueprintIdentifier: string;
                                    } & {
                                        [key: string]: unknown;
                                    }) | ({
                                        /** @enum {string} */
                                        type: "TIMER_PROPERTY_EXPIRED";
                                        blueprintIdentifier: string;
                                        /** @description a timer property of the blueprint */
                                        propertyIdentifier: string;
                                    } & {
                                        [key: string]: unknown;
                                    }) | ({
                                        type: "RUN_CREATED" | "RUN_UPDATED" | "ANY_RUN_CHANGE";
                                        /** @description the action whose runs start it; none: every self-service action's */
                                        actionIdentifier?: string;
                                    } & {
                                        [key: string]: unknown;
                                    });
                                    /** @description jq expressions over the event, each answering a boolean, joined by the combinator */
                                    condition?: {
                                        /** @enum {string} */
                                        type: "JQ";
                                        expressions: string[];
                                        combinator: "and" | "or";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description the action's backend: a WEBHOOK's url, method, headers and body, or UPSERT_ENTITY's mapping */
                                invocationMethod: {
                                    /** @description WEBHOOK or UPSERT_ENTITY */
                                    type: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers */
                                requiredApproval: boolean | ({
                                    type: "ANY" | "ALL";
                                } & {
                                    [key: string]: unknown;
                                });
                                approvalNotification?: {
                                    type: "email" | "webhook";
                                    format?: "json" | "slack";
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                allowAnyoneToViewRuns?: boolean;
                                /** @description automations only: whether its events start it (false: disabled) */
                                publish?: boolean;
                                id: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Replace an action */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    action_identifier: string;
                };
                cookie?: never;
            };
            /** @description A self-service action (port-model §5.1) or an automation (§6.1) in Port's JSON */
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: string;
                        trigger: {
                            [key: string]: unknown;
                        };
                        invocationMethod: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The action (its ETag header holds its version) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            action: {
                                identifier: string;
                                title?: string;
                                icon?: string;
                                description?: string;
                                /** @description a self-service trigger (a form people run) or an automation trigger (an event starts it) */
                                trigger: ({
                                    /** @enum {string} */
                                    type: "self-service";
                                    operation: "CREATE" | "DAY-2" | "DELETE";
                                    blueprintIdentifier?: string;
                                    /** @description the action's form */
                                    userInputs: {
                                        /** @description the form's inputs by name: JSON Schema plus Port's keys (port-model §5.2) */
                                        properties: {
                                            [key: string]: unknown;
                                        };
                                        /** @description the names of the required inputs, or a {"jqQuery": ...} giving them */
                                        required: string[] | ({
                                            jqQuery: string;
                                        } & {
                                            [key: string]: unknown;
                                        });
                                        order?: string[];
                                        steps?: ({
                                            title: string;
                                            order: string[];
                                            /** @description true or false, or a {"jqQuery": ...} computed from the form */
                                            visible?: boolean | ({
                                                jqQuery: string;
                                            } & {
                                                [key: string]: unknown;
                                            });
                                        } & {
                                            [key: string]: unknown;
                                        })[];
                                        /** @description decorative titles between inputs, by name */
                                        titles?: {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    /** @description a search query ({"type": "SEARCH", combinator, rules}) the entity must match */
                                    condition?: {
                                        [key: string]: unknown;
                                    };
                                    actionCardButtonText?: string;
                                    executeActionButtonText?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @enum {string} */
                                    type: "automation";
                                    /** @description what starts the automation (port-model §6.2) */
                                    event: ({
                                        type: "ENTITY_CREATED" | "ENTITY_UPDATED" | "ENTITY_DELETED" | "ANY_ENTITY_CHANGE";
                                        blueprintIdentifier: string;
                                    } & {
                                        [key: string]: unknown;
                                    }) | ({
                                        /** @enum {string} */
                                        type: "TIMER_PROPERTY_EXPIRED";
                                        blueprintIdentifier: string;
                                        /** @description a timer property of the blueprint */
                                        propertyIdentifier: string;
                                    } & {
                                        [key: string]: unknown;
                                    }) | ({
                                        type: "RUN_CREATED" | "RUN_UPDATED" | "ANY_RUN_CHANGE";
                                        /** @description the action whose runs start it; none: every self-service action's */
                                        actionIdentifier?: string;
                                    } & {
                                        [key: string]: unknown;
                                    });
                                    /** @description jq expressions over the event, each answering a boolean, joined by the combinator */
                                    condition?: {
                                        /** @enum {string} */
                                        type: "JQ";
                                        expressions: string[];
                                        combinator: "and" | "or";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                });
                                /** @description the action's backend: a WEBHOOK's url, method, headers and body, or UPSERT_ENTITY's mapping */
                                invocationMethod: {
                                    /** @description WEBHOOK or UPSERT_ENTITY */
                                    type: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers */
                                requiredApproval: boolean | ({
                                    type: "ANY" | "ALL";
                                } & {
                                    [key: string]: unknown;
                                });
                                approvalNotification?: {
                                    type: "email" | "webhook";
                                    format?: "json" | "slack";
                                    url?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                allowAnyoneToViewRuns?: boolean;
                                /** @description automations only: whether its events start it (false: disabled) */
                                publish?: boolean;
                                id: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete an action */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412 */
                    "if-match"?: string;
                };
                path: {
                    action_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/{action_identifier}/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an action's execute and approve permissions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    action_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The action's permissions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            permissions: {
                                execute: {
                                    roles: string[];
                                    users: string[];
                                    teams: string[];
                                    ownedByTeam: boolean;
                                    policy?: ({
                                        queries: {
                                            [key: string]: unknown;
                                        };
                                        conditions: string[];
                                    } & {
                                        [key: string]: unknown;
                                    }) | null;
                                } & {
                                    [key: string]: unknown;
                                };
                                approve: {
                                    roles: string[];
                                    users: string[];
                                    teams: string[];
                                    ownedByTeam: boolean;
                                    policy?: ({
                                        queries: {
                                            [key: string]: unknown;
                                        };
                                        conditions: string[];
                                    } & {
                                        [key: string]: unknown;
                                    }) | null;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
        /** Change an action's permissions (each field given replaces that field) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    action_identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        execute?: {
                            roles?: string[];
                            users?: string[];
                            teams?: string[];
                            ownedByTeam?: boolean;
                            policy?: {
                                [key: string]: unknown;
                            } | null;
                        };
                        approve?: {
                            roles?: string[];
                            users?: string[];
                            teams?: string[];
                            ownedByTeam?: boolean;
                            policy?: {
                                [key: string]: unknown;
                            } | null;
                        };
                    };
                };
            };
            responses: {
                /** @description The action's permissions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            permissions: {
                                execute: {
                                    roles: string[];
                                    users: string[];
                                    teams: string[];
                                    ownedByTeam: boolean;
                                    policy?: ({
                                        queries: {
                                            [key: string]: unknown;
                                        };
                                        conditions: string[];
                                    } & {
                                        [key: string]: unknown;
                                    }) | null;
                                } & {
                                    [key: string]: unknown;
                                };
                                approve: {
                                    roles: string[];
                                    users: string[];
                                    teams: string[];
                                    ownedByTeam: boolean;
                                    policy?: ({
                                        queries: {
                                            [key: string]: unknown;
                                        };
                                        conditions: string[];
                                    } & {
                                        [key: string]: unknown;
                                    }) | null;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/actions/{action_identifier}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run an action */
        post: {
            parameters: {
                query?: {
                    run_as?: string;
                };
                header?: never;
                path: {
                    action_identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        properties?: {
                            [key: string]: unknown;
                        };
                        entity?: string;
                    };
                };
            };
            responses: {
                /** @description The run, accepted (its backend is called after this answer) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            run: {
                                id: string;
                                action: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                blueprint?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                entity?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the run's inputs; encrypted ones show as ******** */
                                properties: {
                                    [key: string]: unknown;
                                };
                                status: "IN_PROGRESS" | "SUCCESS" | "FAILURE" | "WAITING_FOR_APPROVAL" | "DECLINED";
                                statusLabel: string | null;
                                link?: string | string[];
                                summary?: string;
                                externalRunId: string | null;
                                source: "UI" | "API" | "AUTOMATION";
                                /** @description whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers */
                                requiredApproval: boolean | ({
                                    type: "ANY" | "ALL";
                                } & {
                                    [key: string]: unknown;
                                });
                                approval: ({
                                    /** @description the approver's words, when given */
                                    description?: string;
                                    userId: string | null;
                                    state: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                payload: {
                                    [key: string]: unknown;
                                } | null;
                                /** @description the backend's answer, when it gave one: its JSON object or list, or its text */
                                response?: string | unknown[] | {
                                    [key: string]: unknown;
                                };
                                pendingExecution: boolean;
                                /** Format: date-time */
                                claimedUntil?: string;
                                /** @description the runner that claimed the run */
                                installationId?: string;
                                createdBy: string;
                                impersonatedBy?: string;
                                updatedBy: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** Format: date-time */
                                endedAt?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/actions/{action_identifier}/form": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Portico: the action's form for these values — defaults filled, jqQuery keys resolved */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    action_identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        properties?: {
                            [key: string]: unknown;
                        };
                        entity?: string;
                    };
                };
            };
            responses: {
                /** @description The form as it shows now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            form: {
                                /** @description the values, defaults filled */
                                properties: {
                                    [key: string]: unknown;
                                };
                                /** @description each input by name: whether it shows, is disabled or required, its choices and dataset now */
                                inputs: {
                                    [key: string]: {
                                        visible: boolean;
                                        disabled: boolean;
                                        required: boolean;
                                        enum?: unknown[];
                                        /** @description the search its entities must match, resolved */
                                        dataset?: {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description one per step, in their order */
                                steps: ({
                                    visible: boolean;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                /** @description each decorative title by name */
                                titles: {
                                    [key: string]: {
                                        visible: boolean;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/actions/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the runs the caller may see, newest first */
        get: {
            parameters: {
                query?: {
                    entity?: string;
                    blueprint?: string;
                    active?: boolean;
                    user_email?: string;
                    user_id?: string;
                    limit?: number;
                    exclude?: string[];
                    external_run_id?: string;
                    version?: "v1" | "v2";
                    action?: string;
                    source?: ("UI" | "API" | "AUTOMATION")[];
                    /** @description Portico: only runs in these statuses */
                    status?: ("IN_PROGRESS" | "SUCCESS" | "FAILURE" | "WAITING_FOR_APPROVAL" | "DECLINED")[];
                    /** @description Portico: only runs waiting for approval that the caller may decide and has not decided yet — the approve grant names them (or the action's policy listed them for the run), or they manage the action; never their own runs unless they are an Admin */
                    awaiting_my_approval?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The runs, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            runs: ({
                                id: string;
                                /** @description the action (with ?version=v1, its identifier) */
                                action: ({
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                }) | string;
                                blueprint?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                entity?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the run's inputs; encrypted ones show as ******** */
                                properties: {
                                    [key: string]: unknown;
                                };
                                status: "IN_PROGRESS" | "SUCCESS" | "FAILURE" | "WAITING_FOR_APPROVAL" | "DECLINED";
                                statusLabel: string | null;
                                link?: string | string[];
                                summary?: string;
                                externalRunId: string | null;
                                source: "UI" | "API" | "AUTOMATION";
                                /** @description whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers */
                                requiredApproval: boolean | ({
                                    type: "ANY" | "ALL";
                                } & {
                                    [key: string]: unknown;
                                });
                                approval: ({
                                    /** @description the approver's words, when given */
                                    description?: string;
                                    userId: string | null;
                                    state: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                payload: {
                                    [key: string]: unknown;
                                } | null;
                                /** @description the backend's answer, when it gave one: its JSON object or list, or its text */
                                response?: string | unknown[] | {
                                    [key: string]: unknown;
                                };
                                pendingExecution: boolean;
                                /** Format: date-time */
                                claimedUntil?: string;
                                /** @description the runner that claimed the run */
                                installationId?: string;
                                createdBy: string;
                                impersonatedBy?: string;
                                updatedBy: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** Format: date-time */
                                endedAt?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/actions/runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a run */
        get: {
            parameters: {
                query?: {
                    version?: "v1" | "v2";
                };
                header?: never;
                path: {
                    run_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            run: {
                                id: string;
                                /** @description the action (with ?version=v1, its identifier) */
                                action: ({
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                }) | string;
                                blueprint?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                entity?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the run's inputs; encrypted ones show as ******** */
                                properties: {
                                    [key: string]: unknown;
                                };
                                status: "IN_PROGRESS" | "SUCCESS" | "FAILURE" | "WAITING_FOR_APPROVAL" | "DECLINED";
                                statusLabel: string | null;
                                link?: string | string[];
                                summary?: string;
                                externalRunId: string | null;
                                source: "UI" | "API" | "AUTOMATION";
                                /** @description whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers */
                                requiredApproval: boolean | ({
                                    type: "ANY" | "ALL";
                                } & {
                                    [key: string]: unknown;
                                });
                                approval: ({
                                    /** @description the approver's words, when given */
                                    description?: string;
                                    userId: string | null;
                                    state: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                payload: {
                                    [key: string]: unknown;
                                } | null;
                                /** @description the backend's answer, when it gave one: its JSON object or list, or its text */
                                response?: string | unknown[] | {
                                    [key: string]: unknown;
                                };
                                pendingExecution: boolean;
                                /** Format: date-time */
                                claimedUntil?: string;
                                /** @description the runner that claimed the run */
                                installationId?: string;
                                createdBy: string;
                                impersonatedBy?: string;
                                updatedBy: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** Format: date-time */
                                endedAt?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
        /** Report a run's status, label, links, summary or external id */
        patch: {
            parameters: {
                query?: {
                    version?: "v1" | "v2";
                };
                header?: never;
                path: {
                    run_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        status?: "SUCCESS" | "FAILURE";
                        statusLabel?: string;
                        link?: string | string[];
                        summary?: string;
                        externalRunId?: string;
                        message?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description The run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            run: {
                                id: string;
                                /** @description the action (with ?version=v1, its identifier) */
                                action: ({
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                }) | string;
                                blueprint?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                entity?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the run's inputs; encrypted ones show as ******** */
                                properties: {
                                    [key: string]: unknown;
                                };
                                status: "IN_PROGRESS" | "SUCCESS" | "FAILURE" | "WAITING_FOR_APPROVAL" | "DECLINED";
                                statusLabel: string | null;
                                link?: string | string[];
                                summary?: string;
                                externalRunId: string | null;
                                source: "UI" | "API" | "AUTOMATION";
                                /** @description whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers */
                                requiredApproval: boolean | ({
                                    type: "ANY" | "ALL";
                                } & {
                                    [key: string]: unknown;
                                });
                                approval: ({
                                    /** @description the approver's words, when given */
                                    description?: string;
                                    userId: string | null;
                                    state: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                payload: {
                                    [key: string]: unknown;
                                } | null;
                                /** @description the backend's answer, when it gave one: its JSON object or list, or its text */
                                response?: string | unknown[] | {
                                    [key: string]: unknown;
                                };
                                pendingExecution: boolean;
                                /** Format: date-time */
                                claimedUntil?: string;
                                /** @description the runner that claimed the run */
                                installationId?: string;
                                createdBy: string;
                                impersonatedBy?: string;
                                updatedBy: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** Format: date-time */
                                endedAt?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/actions/runs/{run_id}/approval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Approve or decline a run that awaits approval */
        patch: {
            parameters: {
                query?: {
                    version?: "v1" | "v2";
                };
                header?: never;
                path: {
                    run_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        status: "APPROVE" | "DECLINE";
                        description?: string;
                    };
                };
            };
            responses: {
                /** @description The run */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            run: {
                                id: string;
                                /** @description the action (with ?version=v1, its identifier) */
                                action: ({
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                }) | string;
                                blueprint?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                entity?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the run's inputs; encrypted ones show as ******** */
                                properties: {
                                    [key: string]: unknown;
                                };
                                status: "IN_PROGRESS" | "SUCCESS" | "FAILURE" | "WAITING_FOR_APPROVAL" | "DECLINED";
                                statusLabel: string | null;
                                link?: string | string[];
                                summary?: string;
                                externalRunId: string | null;
                                source: "UI" | "API" | "AUTOMATION";
                                /** @description whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers */
                                requiredApproval: boolean | ({
                                    type: "ANY" | "ALL";
                                } & {
                                    [key: string]: unknown;
                                });
                                approval: ({
                                    /** @description the approver's words, when given */
                                    description?: string;
                                    userId: string | null;
                                    state: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                payload: {
                                    [key: string]: unknown;
                                } | null;
                                /** @description the backend's answer, when it gave one: its JSON object or list, or its text */
                                response?: string | unknown[] | {
                                    [key: string]: unknown;
                                };
                                pendingExecution: boolean;
                                /** Format: date-time */
                                claimedUntil?: string;
                                /** @description the runner that claimed the run */
                                installationId?: string;
                                createdBy: string;
                                impersonatedBy?: string;
                                updatedBy: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** Format: date-time */
                                endedAt?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/actions/runs/{run_id}/approvers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run's approvers and their decisions */
        get: {
            parameters: {
                query?: {
                    include_pending_approvers?: boolean;
                };
                header?: never;
                path: {
                    run_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The decisions, oldest first, then the pending approvers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            approvers: ({
                                userId: string;
                                /** @description APPROVED, DECLINED, or PENDING for one who has not decided yet (include_pending_approvers) */
                                state: string;
                                description: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/actions/runs/{run_id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run's log lines in the order they were written */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    /** @description Portico: only the lines after this log id */
                    after?: string;
                };
                header?: never;
                path: {
                    run_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The log lines */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            runLogs: ({
                                id: string;
                                runId: string;
                                message: string;
                                createdBy: string;
                                /** Format: date-time */
                                createdAt: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a log line; with terminationStatus, end the run */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    run_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        message: string;
                        terminationStatus?: "SUCCESS" | "FAILURE";
                        statusLabel?: string;
                    };
                };
            };
            responses: {
                /** @description The log line added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            runLog: {
                                id: string;
                                runId: string;
                                message: string;
                                createdBy: string;
                                /** Format: date-time */
                                createdAt: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/actions/runs/{run_id}/entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Portico: the entities a run created, changed or deleted */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    run_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The entities, in the order they were written */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            entities: ({
                                blueprint: string;
                                identifier: string;
                                /** @description what the run did to it: CREATE or UPDATE */
                                action: string;
                                /** Format: date-time */
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/actions/runs/claim-pending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Runners: claim runs that wait for a runner, for a visibility timeout (§5.9) */
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
                        installationId: string;
                        /** @default 10 */
                        limit?: number;
                        /** @default 60000 */
                        visibilityTimeoutMs?: number;
                        exclude?: string[];
                        /** @description Portico: claim only runs of these actions */
                        actions?: string[];
                    };
                };
            };
            responses: {
                /** @description The runs claimed, each with the request to send */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            runs: ({
                                id: string;
                                action: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                blueprint?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                entity?: {
                                    identifier: string;
                                    title: string | null;
                                    icon: string | null;
                                    deleted: boolean;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description the run's inputs; encrypted ones show as ******** */
                                properties: {
                                    [key: string]: unknown;
                                };
                                status: "IN_PROGRESS" | "SUCCESS" | "FAILURE" | "WAITING_FOR_APPROVAL" | "DECLINED";
                                statusLabel: string | null;
                                link?: string | string[];
                                summary?: string;
                                externalRunId: string | null;
                                source: "UI" | "API" | "AUTOMATION";
                                /** @description whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers */
                                requiredApproval: boolean | ({
                                    type: "ANY" | "ALL";
                                } & {
                                    [key: string]: unknown;
                                });
                                approval: ({
                                    /** @description the approver's words, when given */
                                    description?: string;
                                    userId: string | null;
                                    state: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                payload: {
                                    [key: string]: unknown;
                                } | null;
                                /** @description the backend's answer, when it gave one: its JSON object or list, or its text */
                                response?: string | unknown[] | {
                                    [key: string]: unknown;
                                };
                                pendingExecution: boolean;
                                /** Format: date-time */
                                claimedUntil?: string;
                                /** @description the runner that claimed the run */
                                installationId?: string;
                                createdBy: string;
                                impersonatedBy?: string;
                                updatedBy: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** Format: date-time */
                                endedAt?: string;
                                invocation: {
                                    url: string;
                                    method: string;
                                    headers: {
                                        [key: string]: string;
                                    };
                                    /** @description the body to send, as text */
                                    body?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/actions/runs/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Runners: take a claimed run for good (409 when it was taken already) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        runId: string;
                    };
                };
            };
            responses: {
                /** @description The run is the runner's */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/actions/runs/{run_id}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Portico: a run's changes and log lines as they happen (server-sent events)
         * @description Events: `run` (the run, at once and whenever it changes), `log` (each log line, in order, the earlier ones first), `end` (the run has finished; the stream closes). A comment (`: ping`) comes every 20 seconds.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    run_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A stream of server-sent events, until the run ends or an hour has passed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/organization/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization secrets' metadata, by name, never their values (Admins only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The secrets' metadata, by name */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            secrets: {
                                secretName: string;
                                description?: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an organization secret (Admins only); its value is encrypted and never shown again */
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
                        /** @description The name of the new secret */
                        secretName: string;
                        /** @description The value; it is never shown again */
                        secretValue: string;
                        description?: string;
                    };
                };
            };
            responses: {
                /** @description The secret's metadata */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            secret: {
                                secretName: string;
                                description?: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/organization/secrets/{secret_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organization secret's metadata, never its value (Admins only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The name of the secret */
                    secret_name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The secret's metadata */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            secret: {
                                secretName: string;
                                description?: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an organization secret (Admins only) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The name of the secret */
                    secret_name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an organization secret's value or description (Admins only) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The name of the secret */
                    secret_name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The new value; it is never shown */
                        secretValue?: string;
                        description?: string;
                    };
                };
            };
            responses: {
                /** @description The secret's metadata */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            secret: {
                                secretName: string;
                                description?: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/integration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List integrations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the integrations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            integrations: ({
                                identifier: string;
                                installationId: string;
                                config?: {
                                    [key: string]: unknown;
                                } | null;
                                resyncState?: {
                                    [key: string]: unknown;
                                };
                                logAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                metricAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an integration (Ocean, at its first start) */
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
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description the integration */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description an integration as Port's Ocean framework reads it */
                            integration: {
                                identifier: string;
                                installationId: string;
                                config?: {
                                    [key: string]: unknown;
                                } | null;
                                resyncState?: {
                                    [key: string]: unknown;
                                };
                                logAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                metricAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation: its name and feature flags (none) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the organisation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            organization: {
                                id: string;
                                name: string;
                                featureFlags: string[];
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/integration/provision-enabled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The integration types this server provisions itself: none */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description none */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            integrations: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/integration/{identifier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an integration */
        get: {
            parameters: {
                query?: {
                    oceanCoreVersion?: string;
                    isPolling?: boolean;
                    byField?: string;
                };
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the integration */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description an integration as Port's Ocean framework reads it */
                            integration: {
                                identifier: string;
                                installationId: string;
                                config?: {
                                    [key: string]: unknown;
                                } | null;
                                resyncState?: {
                                    [key: string]: unknown;
                                };
                                logAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                metricAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an integration and what it reported */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an integration (the fields given) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description the integration */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description an integration as Port's Ocean framework reads it */
                            integration: {
                                identifier: string;
                                installationId: string;
                                config?: {
                                    [key: string]: unknown;
                                } | null;
                                resyncState?: {
                                    [key: string]: unknown;
                                };
                                logAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                metricAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/integration/{identifier}/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Replace an integration's mapping (port-app-config) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        config: {
                            [key: string]: unknown;
                        } | null;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description the integration */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description an integration as Port's Ocean framework reads it */
                            integration: {
                                identifier: string;
                                installationId: string;
                                config?: {
                                    [key: string]: unknown;
                                } | null;
                                resyncState?: {
                                    [key: string]: unknown;
                                };
                                logAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                metricAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/integration/{identifier}/resync-state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Record an integration's resync state (running, completed, failed, aborted) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description the integration */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description an integration as Port's Ocean framework reads it */
                            integration: {
                                identifier: string;
                                installationId: string;
                                config?: {
                                    [key: string]: unknown;
                                } | null;
                                resyncState?: {
                                    [key: string]: unknown;
                                };
                                logAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                metricAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/integration/{identifier}/resync-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** When a resync was last asked for (Ocean resyncs when this is newer than its last) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the last request */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            request: {
                                updatedAt: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/integration/{identifier}/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask an integration for a resync */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the integration */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description an integration as Port's Ocean framework reads it */
                            integration: {
                                identifier: string;
                                installationId: string;
                                config?: {
                                    [key: string]: unknown;
                                } | null;
                                resyncState?: {
                                    [key: string]: unknown;
                                };
                                logAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                metricAttributes: {
                                    ingestUrl: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/integration/{identifier}/kinds/{kind}/examples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Examples of a kind's raw data, the newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                    kind: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the examples */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            examples: unknown[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Keep examples of a kind's raw data (the newest 5) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                    kind: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        examples: unknown[];
                    };
                };
            };
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/integration/{identifier}/logs-ingest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Keep an integration's log lines (its logAttributes.ingestUrl) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        logs: ({
                            message: string;
                            level: string;
                            timestamp: string;
                            extra?: unknown;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/integration/{identifier}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An integration's log lines, the newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description lines before this one */
                    log_id?: number;
                    level?: string | string[];
                };
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the log lines */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            logs: ({
                                id: number;
                                timestamp: string;
                                level: string;
                                message: string;
                                extra: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/integration/{identifier}/metrics-ingest/syncMetrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Keep an integration's sync metrics, per kind */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        syncKindsMetrics: {
                            [key: string]: unknown;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/integration/{identifier}/metrics-ingest/syncMetrics/resync/{eventId}/kind/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Keep an integration's metrics of one kind in one sync */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                    eventId: string;
                    kind: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        syncKindMetrics: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
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
    "/v1/integration/{identifier}/metrics-ingest/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A running sync says it is alive */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/integration/{identifier}/syncMetrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An integration's metrics per sync and kind (one sync with resyncId) */
        get: {
            parameters: {
                query?: {
                    resyncId?: string;
                };
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what the integration reported */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            count: number;
                            data: {
                                [key: string]: unknown;
                            }[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/integration/{identifier}/syncsMetadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An integration's syncs, the newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what the integration reported */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            count: number;
                            data: {
                                [key: string]: unknown;
                            }[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/entities/datasource-entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The entities an integration wrote last (by $datasource's prefix and suffix), before an instant: Ocean's reconciliation */
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
                        datasource_prefix: string;
                        /** @default  */
                        datasource_suffix: string;
                        /** @default 5000 */
                        limit: number;
                        before?: string;
                        from?: string;
                    };
                };
            };
            responses: {
                /** @description the entities, in creation order */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            entities: ({
                                identifier: string;
                                blueprint: string;
                                title: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description the cursor of the next page (send it as from) */
                            next?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/scorecards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List every scorecard */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the scorecards */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            scorecards: ({
                                identifier: string;
                                title: string;
                                /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                filter?: {
                                    combinator: string;
                                    conditions: {
                                        [key: string]: unknown;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                levels: ({
                                    title: string;
                                    color: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                rules: ({
                                    identifier: string;
                                    title: string;
                                    description?: string;
                                    level: string;
                                    /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                    query: {
                                        combinator: string;
                                        conditions: {
                                            [key: string]: unknown;
                                        }[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                })[];
                                properties?: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                blueprint: string;
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
                                /** @description Portico: the evaluation of the blueprint's entities since the scorecard's last change */
                                evaluation?: {
                                    status: "evaluating" | "done";
                                    evaluated?: number;
                                    total?: number;
                                    startedAt: string;
                                    finishedAt: string | null;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/scorecards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a blueprint's scorecards */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the scorecards */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            scorecards: ({
                                identifier: string;
                                title: string;
                                /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                filter?: {
                                    combinator: string;
                                    conditions: {
                                        [key: string]: unknown;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                levels: ({
                                    title: string;
                                    color: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                rules: ({
                                    identifier: string;
                                    title: string;
                                    description?: string;
                                    level: string;
                                    /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                    query: {
                                        combinator: string;
                                        conditions: {
                                            [key: string]: unknown;
                                        }[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                })[];
                                properties?: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                blueprint: string;
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
                                /** @description Portico: the evaluation of the blueprint's entities since the scorecard's last change */
                                evaluation?: {
                                    status: "evaluating" | "done";
                                    evaluated?: number;
                                    total?: number;
                                    startedAt: string;
                                    finishedAt: string | null;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Replace a blueprint's scorecards (those not named are deleted) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": ({
                        identifier?: string;
                        title?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
            responses: {
                /** @description the scorecards */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            scorecards: ({
                                identifier: string;
                                title: string;
                                /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                filter?: {
                                    combinator: string;
                                    conditions: {
                                        [key: string]: unknown;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                levels: ({
                                    title: string;
                                    color: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                rules: ({
                                    identifier: string;
                                    title: string;
                                    description?: string;
                                    level: string;
                                    /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                    query: {
                                        combinator: string;
                                        conditions: {
                                            [key: string]: unknown;
                                        }[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                })[];
                                properties?: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                blueprint: string;
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
                                /** @description Portico: the evaluation of the blueprint's entities since the scorecard's last change */
                                evaluation?: {
                                    status: "evaluating" | "done";
                                    evaluated?: number;
                                    total?: number;
                                    startedAt: string;
                                    finishedAt: string | null;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Create a scorecard */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                };
                cookie?: never;
            };
            /** @description a scorecard: identifier, title, levels, rules, filter (Port's JSON) */
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: string;
                        title?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description the scorecard */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a scorecard as Port answers it */
                            scorecard: {
                                identifier: string;
                                title: string;
                                /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                filter?: {
                                    combinator: string;
                                    conditions: {
                                        [key: string]: unknown;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                levels: ({
                                    title: string;
                                    color: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                rules: ({
                                    identifier: string;
                                    title: string;
                                    description?: string;
                                    level: string;
                                    /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                    query: {
                                        combinator: string;
                                        conditions: {
                                            [key: string]: unknown;
                                        }[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                })[];
                                properties?: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                blueprint: string;
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
                                /** @description Portico: the evaluation of the blueprint's entities since the scorecard's last change */
                                evaluation?: {
                                    status: "evaluating" | "done";
                                    evaluated?: number;
                                    total?: number;
                                    startedAt: string;
                                    finishedAt: string | null;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/scorecards/{scorecard_identifier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a scorecard */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                    scorecard_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the scorecard */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a scorecard as Port answers it */
                            scorecard: {
                                identifier: string;
                                title: string;
                                /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                filter?: {
                                    combinator: string;
                                    conditions: {
                                        [key: string]: unknown;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                levels: ({
                                    title: string;
                                    color: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                rules: ({
                                    identifier: string;
                                    title: string;
                                    description?: string;
                                    level: string;
                                    /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                    query: {
                                        combinator: string;
                                        conditions: {
                                            [key: string]: unknown;
                                        }[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                })[];
                                properties?: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                blueprint: string;
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
                                /** @description Portico: the evaluation of the blueprint's entities since the scorecard's last change */
                                evaluation?: {
                                    status: "evaluating" | "done";
                                    evaluated?: number;
                                    total?: number;
                                    startedAt: string;
                                    finishedAt: string | null;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Replace a scorecard */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                    scorecard_identifier: string;
                };
                cookie?: never;
            };
            /** @description a scorecard: identifier, title, levels, rules, filter (Port's JSON) */
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: string;
                        title?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description the scorecard */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a scorecard as Port answers it */
                            scorecard: {
                                identifier: string;
                                title: string;
                                /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                filter?: {
                                    combinator: string;
                                    conditions: {
                                        [key: string]: unknown;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                levels: ({
                                    title: string;
                                    color: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                rules: ({
                                    identifier: string;
                                    title: string;
                                    description?: string;
                                    level: string;
                                    /** @description Port's conditions on a property (`property`) or a relation (`relation`) */
                                    query: {
                                        combinator: string;
                                        conditions: {
                                            [key: string]: unknown;
                                        }[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                })[];
                                properties?: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                blueprint: string;
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
                                /** @description Portico: the evaluation of the blueprint's entities since the scorecard's last change */
                                evaluation?: {
                                    status: "evaluating" | "done";
                                    evaluated?: number;
                                    total?: number;
                                    startedAt: string;
                                    finishedAt: string | null;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a scorecard (and its results on entities) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    blueprint_identifier: string;
                    scorecard_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}/scorecard-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An entity's changes of scorecard level and rule results, newest first */
        get: {
            parameters: {
                query?: {
                    scorecard?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    blueprint_identifier: string;
                    entity_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the changes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            history: ({
                                at: string;
                                scorecard: string;
                                level: string | null;
                                previousLevel: string | null;
                                cause: string;
                                actor: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/blueprints/{blueprint_identifier}/scorecards/{scorecard_identifier}/levels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A scorecard's level distribution over time, overall and per team */
        get: {
            parameters: {
                query?: {
                    /** @description the first instant (default: the scorecard’s creation) */
                    from?: string;
                    /** @description the last instant (default: now) */
                    to?: string;
                    points?: number;
                    /** @description only the entities of this team */
                    team?: string;
                };
                header?: never;
                path: {
                    blueprint_identifier: string;
                    scorecard_identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the distribution at each point */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            scorecard: string;
                            blueprint: string;
                            levels: string[];
                            points: ({
                                at: string;
                                total: number;
                                /** @description entities by level title */
                                levels: {
                                    [key: string]: unknown;
                                };
                                teams: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            rules?: ({
                                identifier: string;
                                passing: number;
                                failing: number;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/initiatives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List initiatives */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the initiatives */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            initiatives: ({
                                identifier: string;
                                title: string;
                                description?: string;
                                blueprint: string;
                                scorecard: string;
                                level: string;
                                dueDate: string;
                                teams?: string[];
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an initiative */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description identifier, title, description, blueprint, scorecard, level, dueDate, teams */
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description the initiative */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a scorecard level that some teams are to reach by a date */
                            initiative: {
                                identifier: string;
                                title: string;
                                description?: string;
                                blueprint: string;
                                scorecard: string;
                                level: string;
                                dueDate: string;
                                teams?: string[];
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
    "/v1/initiatives/{identifier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an initiative */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the initiative */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a scorecard level that some teams are to reach by a date */
                            initiative: {
                                identifier: string;
                                title: string;
                                description?: string;
                                blueprint: string;
                                scorecard: string;
                                level: string;
                                dueDate: string;
                                teams?: string[];
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Replace an initiative */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            /** @description identifier, title, description, blueprint, scorecard, level, dueDate, teams */
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description the initiative */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description a scorecard level that some teams are to reach by a date */
                            initiative: {
                                identifier: string;
                                title: string;
                                description?: string;
                                blueprint: string;
                                scorecard: string;
                                level: string;
                                dueDate: string;
                                teams?: string[];
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete an initiative */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/initiatives/{identifier}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An initiative's progress, per team, with the entities behind */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    identifier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the progress */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            progress: {
                                initiative: string;
                                level: string;
                                dueDate: string;
                                daysLeft: number;
                                overdue: boolean;
                                total: number;
                                reached: number;
                                percent: number;
                                teams: ({
                                    team: string;
                                    total: number;
                                    reached: number;
                                    percent: number;
                                    behind: ({
                                        identifier: string;
                                        level: string;
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An error, in Port's envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description a stable code, e.g. not_found, invalid_request, conflict */
                            error: string;
                            /** @description what went wrong, naming the field where one is at fault */
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
