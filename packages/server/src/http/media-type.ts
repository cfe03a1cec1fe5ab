/** The media type of a Content-Type header, lower case and without parameters (`multipart/form-data`); '' when absent. */
export function mediaTypeOf(header: string | readonly string[] | null | undefined): string {
  return typeof header === 'string' ? header.split(';', 1)[0]!.trim().toLowerCase() : ''
}

export const urlencodedType = 'application/x-www-form-urlencoded'
export const multipartType = 'multipart/form-data'
