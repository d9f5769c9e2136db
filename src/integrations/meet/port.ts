/** Video rooms for online consultations. */
export interface VideoRooms {
  /** A new meeting room; answers its join URL. */
  createRoom(): Promise<string>
}
