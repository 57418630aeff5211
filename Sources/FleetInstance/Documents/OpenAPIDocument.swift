/// The instance's `GET /openapi.json` body.
///
/// This is, verbatim, what FastAPI 0.115 generates for the original workshop service's routes, so
/// tools and people that knew the original see the same document (operationIds, summaries, the
/// `Action` enum `$ref`, the 422 `HTTPValidationError` shape). Key order inside objects is FastAPI's
/// own and not always consistent; it is kept so a plain diff against FastAPI's output stays empty.
///
/// Deliberate differences from the original's document:
/// - `info.title` names fleetsim instead of FastAPI's default "FastAPI".
/// - `GET /scenario/{alias}` documents 400, and `POST /scenario/{alias}` documents 304 (no body),
///   400 and 409 with an `HTTPError` (`{"detail": string}`) schema. The original returns these
///   without documenting them; schema-based fuzzers (schemathesis) flag undocumented status codes.
/// - The `alias` path parameter has a description naming the eight scenarios and what each
///   simulates (scenario4–8 are fleetsim's own).
///
/// Not in the document, as in the original: `/scenario/do_something`, `/metrics`, `/docs`,
/// `/openapi.json`.
///
/// Regenerate or check with `scripts/instance-documents.py` (see its header), never by hand.
/// Held as a literal for the memory reason given on ``DocsPage``.
public enum OpenAPIDocument {
    /// The document as pretty-printed JSON (OpenAPI 3.1.0); serve it as `application/json`.
    public static let json: String = ##"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Prometheus workshop service (fleetsim)",
        "version": "0.1.0"
      },
      "paths": {
        "/showcase/count/{label}": {
          "get": {
            "tags": [
              "showcase"
            ],
            "summary": "Count",
            "operationId": "count_showcase_count__label__get",
            "parameters": [
              {
                "name": "label",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "title": "Label"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "Successful Response",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "additionalProperties": true,
                      "title": "Response Count Showcase Count  Label  Get"
                    }
                  }
                }
              },
              "422": {
                "description": "Validation Error",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/HTTPValidationError"
                    }
                  }
                }
              }
            }
          }
        },
        "/showcase/duration/{length_ms}": {
          "get": {
            "tags": [
              "showcase"
            ],
            "summary": "Duration",
            "operationId": "duration_showcase_duration__length_ms__get",
            "parameters": [
              {
                "name": "length_ms",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "integer",
                  "title": "Length Ms"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "Successful Response",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "additionalProperties": true,
                      "title": "Response Duration Showcase Duration  Length Ms  Get"
                    }
                  }
                }
              },
              "422": {
                "description": "Validation Error",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/HTTPValidationError"
                    }
                  }
                }
              }
            }
          }
        },
        "/showcase/gauge": {
          "put": {
            "tags": [
              "showcase"
            ],
            "summary": "Gauge Value",
            "operationId": "gauge_value_showcase_gauge_put",
            "requestBody": {
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/GaugeData"
                  }
                }
              },
              "required": true
            },
            "responses": {
              "200": {
                "description": "Successful Response",
                "content": {
                  "application/json": {
                    "schema": {
                      "additionalProperties": true,
                      "type": "object",
                      "title": "Response Gauge Value Showcase Gauge Put"
                    }
                  }
                }
              },
              "422": {
                "description": "Validation Error",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/HTTPValidationError"
                    }
                  }
                }
              }
            }
          }
        },
        "/scenario/health": {
          "get": {
            "tags": [
              "scenario"
            ],
            "summary": "Health",
            "operationId": "health_scenario_health_get",
            "responses": {
              "200": {
                "description": "Successful Response",
                "content": {
                  "application/json": {
                    "schema": {
                      "additionalProperties": true,
                      "type": "object",
                      "title": "Response Health Scenario Health Get"
                    }
                  }
                }
              }
            }
          }
        },
        "/scenario/{alias}": {
          "get": {
            "tags": [
              "scenario"
            ],
            "summary": "Scenario Status",
            "operationId": "scenario_status_scenario__alias__get",
            "parameters": [
              {
                "name": "alias",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "description": "scenario1 (memory leak), scenario2 (disk fill), scenario3 (rate limit), scenario4 (latency), scenario5 (errors), scenario6 (cpu), scenario7 (crash loop), scenario8 (fd leak)",
                  "title": "Alias"
                },
                "description": "scenario1 (memory leak), scenario2 (disk fill), scenario3 (rate limit), scenario4 (latency), scenario5 (errors), scenario6 (cpu), scenario7 (crash loop), scenario8 (fd leak)"
              }
            ],
            "responses": {
              "200": {
                "description": "Successful Response",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "additionalProperties": true,
                      "title": "Response Scenario Status Scenario  Alias  Get"
                    }
                  }
                }
              },
              "400": {
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/HTTPError"
                    }
                  }
                },
                "description": "Bad Request"
              },
              "422": {
                "description": "Validation Error",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/HTTPValidationError"
                    }
                  }
                }
              }
            }
          },
          "post": {
            "tags": [
              "scenario"
            ],
            "summary": "Scenario Action",
            "operationId": "scenario_action_scenario__alias__post",
            "parameters": [
              {
                "name": "alias",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "description": "scenario1 (memory leak), scenario2 (disk fill), scenario3 (rate limit), scenario4 (latency), scenario5 (errors), scenario6 (cpu), scenario7 (crash loop), scenario8 (fd leak)",
                  "title": "Alias"
                },
                "description": "scenario1 (memory leak), scenario2 (disk fill), scenario3 (rate limit), scenario4 (latency), scenario5 (errors), scenario6 (cpu), scenario7 (crash loop), scenario8 (fd leak)"
              },
              {
                "name": "action",
                "in": "query",
                "required": true,
                "schema": {
                  "$ref": "#/components/schemas/Action"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "Successful Response",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "additionalProperties": true,
                      "title": "Response Scenario Action Scenario  Alias  Post"
                    }
                  }
                }
              },
              "304": {
                "description": "Not Modified"
              },
              "400": {
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/HTTPError"
                    }
                  }
                },
                "description": "Bad Request"
              },
              "409": {
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/HTTPError"
                    }
                  }
                },
                "description": "Conflict"
              },
              "422": {
                "description": "Validation Error",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/HTTPValidationError"
                    }
                  }
                }
              }
            }
          }
        }
      },
      "components": {
        "schemas": {
          "Action": {
            "type": "string",
            "enum": [
              "start",
              "stop"
            ],
            "title": "Action"
          },
          "GaugeData": {
            "properties": {
              "value": {
                "type": "integer",
                "title": "Value"
              }
            },
            "type": "object",
            "required": [
              "value"
            ],
            "title": "GaugeData"
          },
          "HTTPError": {
            "properties": {
              "detail": {
                "type": "string",
                "title": "Detail"
              }
            },
            "type": "object",
            "required": [
              "detail"
            ],
            "title": "HTTPError"
          },
          "HTTPValidationError": {
            "properties": {
              "detail": {
                "items": {
                  "$ref": "#/components/schemas/ValidationError"
                },
                "type": "array",
                "title": "Detail"
              }
            },
            "type": "object",
            "title": "HTTPValidationError"
          },
          "ValidationError": {
            "properties": {
              "loc": {
                "items": {
                  "anyOf": [
                    {
                      "type": "string"
                    },
                    {
                      "type": "integer"
                    }
                  ]
                },
                "type": "array",
                "title": "Location"
              },
              "msg": {
                "type": "string",
                "title": "Message"
              },
              "type": {
                "type": "string",
                "title": "Error Type"
              }
            },
            "type": "object",
            "required": [
              "loc",
              "msg",
              "type"
            ],
            "title": "ValidationError"
          }
        }
      },
      "tags": [
        {
          "name": "showcase",
          "description": "APIs for the metric showcase"
        },
        {
          "name": "scenario",
          "description": "APIs for the scenarios"
        }
      ]
    }
    """##
}
