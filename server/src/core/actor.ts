// Who is acting: the hall, and the staff member or device behind the socket.
export interface Actor {
  hallId: number;
  staffId: number | null;
  deviceId: number | null;
}
