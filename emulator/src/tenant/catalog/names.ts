export const GIVEN_NAMES = [
  "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Isabella", "Lucas", "Mia", "Mateo", "Charlotte",
  "Ethan", "Harper", "James", "Evelyn", "Aiden", "Abigail", "Leo", "Priya", "Arjun", "Mei", "Hiroshi", "Fatima", "Omar",
  "Chloe", "Daniel", "Grace", "Samuel", "Zoe", "Gabriel", "Nora", "Julian", "Ava", "Henry", "Layla", "Wei", "Sofia", "Ahmed",
  "Ingrid", "Lars", "Aisha", "Kofi", "Elena", "Marco", "Yuki", "Ravi", "Hannah", "Tomas",
];

export const SURNAMES = [
  "Smith", "Johnson", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson",
  "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
  "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Hill", "Patel", "Chen", "Kim", "Singh", "Okafor", "Svensson",
  "Rossi", "Tanaka", "Kowalski", "Dubois", "Schmidt", "Novak", "Haddad", "Mensah", "Ivanova", "Fischer", "Costa", "Nakamura",
];

export const DEVICE_GROUPS = [
  { id: 101, name: "Finance", prefix: "fin", subnet: 10, weight: 12 },
  { id: 102, name: "Engineering", prefix: "eng", subnet: 20, weight: 22 },
  { id: 103, name: "Sales", prefix: "sal", subnet: 30, weight: 16 },
  { id: 104, name: "Human Resources", prefix: "hr", subnet: 40, weight: 6 },
  { id: 105, name: "Executives", prefix: "exec", subnet: 50, weight: 3 },
  { id: 106, name: "Servers - Production", prefix: "srv", subnet: 60, weight: 10 },
  { id: 107, name: "Servers - Development", prefix: "dev", subnet: 70, weight: 6 },
  { id: 108, name: "Mobile Devices", prefix: "mob", subnet: 80, weight: 10 },
] as const;

export const DEPARTMENT_FOR_GROUP: Record<string, string> = {
  Finance: "Finance", Engineering: "Engineering", Sales: "Sales", "Human Resources": "Human Resources",
  Executives: "Executive Office", "Servers - Production": "IT Operations", "Servers - Development": "Engineering", "Mobile Devices": "Sales",
};
